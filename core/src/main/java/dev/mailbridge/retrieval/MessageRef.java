package dev.mailbridge.retrieval;

import java.util.Objects;

/**
 * Names one IMAP message for as long as the server keeps its UIDs: a folder, the folder's UIDVALIDITY and the message's
 * UID. A {@link MessageSummary} carries one; {@code MailboxClient.fetchMessages} takes them to fetch whole messages. A
 * reference from before the server renumbered the folder (another UIDVALIDITY) names nothing and is reported missing.
 *
 * @param folder the folder's full name on the server, as {@link MessageSummary#folder()} gives it
 * @param uidValidity the folder's UIDVALIDITY when the reference was made
 * @param uid the message's UID in that folder
 */
public record MessageRef(String folder, long uidValidity, long uid) {
    /** Checks the parts. */
    public MessageRef {
        Objects.requireNonNull(folder, "folder");
        if (folder.isBlank()) {
            throw new IllegalArgumentException("folder is blank; give the folder's name, such as INBOX");
        }
        if (uidValidity <= 0 || uid <= 0) {
            throw new IllegalArgumentException("uidValidity " + uidValidity + " and uid " + uid
                    + " must both be positive; take them from a MessageSummary or RetrievedMessage");
        }
    }
}
