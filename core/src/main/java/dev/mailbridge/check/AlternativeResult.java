package dev.mailbridge.check;

import dev.mailbridge.Endpoint;
import java.util.Objects;

/**
 * What an endpoint answered to a probe without credentials (only the TLS handshake, the greeting and the
 * capabilities): a standard alternative port tried after the configured one failed with a port or TLS-mode problem, or
 * an endpoint given to {@link dev.mailbridge.MailboxClient#probe}.
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
