package dev.mailbridge;

import java.util.Objects;

/**
 * The SMTP submission server a mailbox sends through.
 *
 * @param endpoint where it listens and how the connection is protected
 * @param username the login name
 */
public record OutgoingServer(Endpoint endpoint, String username) {
    /** Checks that the username is not blank. */
    public OutgoingServer {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(username, "username");
        if (username.isBlank()) {
            throw new IllegalArgumentException("outgoing username is blank: usually it is the full email address");
        }
    }
}
