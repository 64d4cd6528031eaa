package dev.mailbridge;

import java.util.Objects;

/**
 * The server a mailbox's mail is read from.
 *
 * @param protocol {@link Protocol#IMAP} or {@link Protocol#POP3}
 * @param endpoint where it listens and how the connection is protected
 * @param username the login name
 */
public record IncomingServer(Protocol protocol, Endpoint endpoint, String username) {
    /** Checks that the protocol is an incoming one and the username is not blank. */
    public IncomingServer {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(username, "username");
        if (protocol == Protocol.SMTP) {
            throw new IllegalArgumentException(
                    "incoming protocol is SMTP: use IMAP or POP3; SMTP is for outgoing mail");
        }
        if (username.isBlank()) {
            throw new IllegalArgumentException("incoming username is blank: usually it is the full email address");
        }
    }
}
