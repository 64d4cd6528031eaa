package dev.mailbridge.sending;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What happened to the copy of a sent message in the mailbox's Sent folder. A failed copy never causes a second send:
 * the message went out, only the copy is missing, and the detail says why.
 *
 * @param status what happened
 * @param folder the folder the copy went to, when one was appended
 * @param detail one line for a person
 */
public record SentCopy(Status status, @Nullable String folder, String detail) {
    /** Checks that nothing is missing. */
    public SentCopy {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    /** The folder the copy is in, when Mailbridge appended one. */
    public Optional<String> appendedTo() {
        return Optional.ofNullable(folder);
    }

    /** What happened to the Sent copy. */
    public enum Status {
        /** Appended to the Sent folder, marked read. */
        APPENDED,
        /** The provider files submitted mail in Sent itself (Gmail, Microsoft 365); appending would duplicate it. */
        STORED_BY_PROVIDER,
        /** The send options said not to keep a copy. */
        NOT_REQUESTED,
        /** The mailbox has no IMAP folders to append to (POP3 or no incoming server). */
        NOT_POSSIBLE,
        /** The message was sent, but appending the copy failed; see the detail. */
        FAILED,
        /** Nothing was sent, so there is nothing to copy. */
        NOT_SENT
    }
}
