package dev.mailbridge;

import dev.mailbridge.check.ProblemCode;
import org.jspecify.annotations.Nullable;

/** The server refused the credentials, or wants another kind (an app password, OAuth2). Fix the credentials or the account's settings; retrying unchanged will not help and may lock the account. */
public final class AuthenticationException extends MailbridgeException {
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
    public AuthenticationException(
            String message,
            @Nullable Endpoint endpoint,
            Phase phase,
            ProblemCode code,
            boolean retryable,
            @Nullable Throwable cause) {
        super(message, endpoint, phase, code, retryable, cause);
    }
}
