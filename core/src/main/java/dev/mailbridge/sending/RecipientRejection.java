package dev.mailbridge.sending;

import dev.mailbridge.EmailAddress;
import java.util.Objects;

/**
 * A recipient the SMTP server refused, with its own words.
 *
 * @param address the refused address
 * @param replyCode the SMTP reply code, such as 550 or 452
 * @param reply the server's whole reply, such as {@code 550 5.1.1 <x@acme.com>: Recipient address rejected}
 * @param permanent whether the refusal was final (5xx) or the retries ran out on a temporary one (4xx)
 */
public record RecipientRejection(EmailAddress address, int replyCode, String reply, boolean permanent) {
    /** Checks that nothing is missing. */
    public RecipientRejection {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reply, "reply");
    }
}
