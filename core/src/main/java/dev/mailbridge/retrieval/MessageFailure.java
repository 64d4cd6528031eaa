package dev.mailbridge.retrieval;

import java.util.Objects;

/**
 * A message that was not handled: its handler threw, or nothing in it could be parsed.
 *
 * @param id the IMAP UID or POP3 UIDL
 * @param reason what went wrong, one line
 */
public record MessageFailure(String id, String reason) {
    /** Checks that nothing is missing. */
    public MessageFailure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
    }
}
