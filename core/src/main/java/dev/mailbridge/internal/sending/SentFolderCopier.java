package dev.mailbridge.internal.sending;

import dev.mailbridge.Credentials;
import dev.mailbridge.FolderRole;
import dev.mailbridge.IncomingServer;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.Protocol;
import dev.mailbridge.Secret;
import dev.mailbridge.internal.jakarta.JakartaSessions;
import dev.mailbridge.internal.retrieval.FolderNames;
import dev.mailbridge.internal.text.Redactor;
import dev.mailbridge.sending.SentCopy;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;

/**
 * Appends sent messages to the mailbox's Sent folder over one IMAP connection, marked read. The folder is the one with
 * the profile's name, else the one flagged {@code \Sent} (RFC 6154), else one of the names clients commonly use, else a
 * new {@code Sent} folder. The bytes appended are the bytes sent, plus the Bcc header.
 */
final class SentFolderCopier {
    /** Names clients and servers commonly give the Sent folder when the server flags none. */
    private static final List<String> COMMON_NAMES = List.of("Sent", "Sent Items", "Sent Messages", "Sent Mail");

    private final JakartaSessions sessions;

    SentFolderCopier(JakartaSessions sessions) {
        this.sessions = sessions;
    }

    /** Appends each of {@code copies}; the result for each, in order. Never throws for a server's failure. */
    List<SentCopy> append(MailboxAccount account, List<byte[]> copies) {
        IncomingServer server = account.incoming().orElseThrow();
        boolean oauth2 = account.credentials().kind() == Credentials.Kind.OAUTH2;
        Secret secret = null;
        try {
            secret = account.credentials().secretForNewConnection();
            Session session =
                    sessions.session(Protocol.IMAP, server.endpoint(), oauth2).session();
            try (Store store = session.getStore(JakartaSessions.providerName(
                    Protocol.IMAP, server.endpoint().security()))) {
                store.connect(server.username(), secret.reveal());
                IMAPFolder sent = sentFolder((IMAPStore) store, account);
                List<SentCopy> results = new ArrayList<>();
                for (byte[] copy : copies) {
                    results.add(appendOne(session, sent, copy));
                }
                return results;
            }
        } catch (MessagingException | IOException | IllegalStateException e) {
            String reason = String.valueOf(e.getMessage());
            if (secret != null) {
                reason = Redactor.scrub(reason, secret);
            }
            SentCopy failed = new SentCopy(
                    SentCopy.Status.FAILED,
                    null,
                    "sent, but the copy could not be stored in Sent: " + Redactor.oneLine(reason, 200)
                            + " (the message is not sent again)");
            return Collections.nCopies(copies.size(), failed);
        }
    }

    private static SentCopy appendOne(Session session, IMAPFolder sent, byte[] copy) {
        try {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(copy));
            message.setFlags(new Flags(Flags.Flag.SEEN), true);
            sent.appendMessages(new Message[] {message});
            return new SentCopy(SentCopy.Status.APPENDED, sent.getFullName(), "appended to " + sent.getFullName());
        } catch (MessagingException e) {
            return new SentCopy(
                    SentCopy.Status.FAILED,
                    null,
                    "sent, but appending the copy to " + sent.getFullName() + " failed: "
                            + Redactor.oneLine(String.valueOf(e.getMessage()), 200)
                            + " (the message is not sent again)");
        }
    }

    private static IMAPFolder sentFolder(IMAPStore store, MailboxAccount account) throws MessagingException {
        FolderNames names = new FolderNames(store);
        IMAPFolder folder = names.byRole(FolderRole.SENT, account.profile().orElse(null));
        if (folder != null) {
            return folder;
        }
        for (String name : COMMON_NAMES) {
            @Nullable IMAPFolder existing = names.existing(name);
            if (existing != null) {
                return existing;
            }
        }
        IMAPFolder created = (IMAPFolder) store.getFolder(
                names.defaultName(FolderRole.SENT, account.profile().orElse(null)));
        if (!created.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException(
                    "the server has no Sent folder and refused to create " + created.getFullName());
        }
        created.setSubscribed(true);
        return created;
    }
}
