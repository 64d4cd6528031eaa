package dev.mailbridge;

import dev.mailbridge.check.ProblemCode;
import org.jspecify.annotations.Nullable;

/** TLS could not be established: wrong security mode for the port, STARTTLS not offered, an untrusted certificate or one issued for another name. Fix the endpoint's security or the client's {@link TlsTrust}. */
public final class TlsException extends MailbridgeException {
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
    public TlsException(
            String message,
            @Nullable Endpoint endpoint,
            Phase phase,
            ProblemCode code,
            boolean retryable,
            @Nullable Throwable cause) {
        super(message, endpoint, phase, code, retryable, cause);
    }
}
