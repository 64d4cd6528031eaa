package dev.mailbridge;

import dev.mailbridge.check.ProblemCode;
import org.jspecify.annotations.Nullable;

/** The connection and login worked, but the server refused a request: a folder that does not exist, a sender address it will not accept, a protocol disabled for the mailbox. */
public final class ServerResponseException extends MailbridgeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line: what was tried, where, and what happened; never a secret
     * @param endpoint the server involved, if any
     * @param phase the step that failed
     * @param code the classification
     * @param retryable whether the same call may succeed later unchanged
     * @param cause the underlying failure, if any
     */
    public ServerResponseException(
            String message,
            @Nullable Endpoint endpoint,
            Phase phase,
            ProblemCode code,
            boolean retryable,
            @Nullable Throwable cause) {
        super(message, endpoint, phase, code, retryable, cause);
    }
}
