package dev.mailbridge.check;

import dev.mailbridge.Endpoint;
import java.util.Objects;

/**
 * What a standard alternative port answered when the configured one failed with a port or TLS-mode problem. Probed
 * without credentials: only the greeting, the capabilities and the TLS handshake.
 *
 * @param endpoint the alternative tried
 * @param works whether a mail server of the right protocol answered there with that security
 * @param detail what it answered, or why not
 */
public record AlternativeResult(Endpoint endpoint, boolean works, String detail) {
    /** Checks that nothing is missing. */
    public AlternativeResult {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(detail, "detail");
    }
}
