package dev.mailbridge;

import dev.mailbridge.check.ProblemCode;
import org.jspecify.annotations.Nullable;

/**
 * The root of Mailbridge's failures talking to mail servers. Subclasses say what the caller does next: {@link
 * AuthenticationException} (fix the credentials), {@link ConnectionException} (retry later or fix host and port),
 * {@link TlsException} (fix TLS settings or trust), {@link ServerResponseException} (read what the server said).
 *
 * <p>Every instance carries the endpoint, the phase, a stable {@link ProblemCode}, and whether retrying the same call
 * later can help. Messages never contain a password or token.
 */
public abstract class MailbridgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final @Nullable Endpoint endpoint;
    private final Phase phase;
    private final ProblemCode code;
    private final boolean retryable;

    /** For subclasses. */
    protected MailbridgeException(
            String message,
            @Nullable Endpoint endpoint,
            Phase phase,
            ProblemCode code,
            boolean retryable,
            @Nullable Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
        this.phase = phase;
        this.code = code;
        this.retryable = retryable;
    }

    /** The server this happened with, if one was involved. */
    public @Nullable Endpoint endpoint() {
        return endpoint;
    }

    /** The step that failed. */
    public Phase phase() {
        return phase;
    }

    /** The stable classification of the failure. */
    public ProblemCode code() {
        return code;
    }

    /** Whether the same call may succeed later without any change of settings. */
    public boolean isRetryable() {
        return retryable;
    }
}
