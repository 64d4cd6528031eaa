package dev.mailbridge.retrieval;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An address from a message header, as parsed leniently: real mail carries addresses strict parsers reject, and a
 * reply still needs them.
 *
 * @param address the address, such as {@code dana@acme.com}; kept as written when it is not valid
 * @param displayName the decoded display name, such as {@code Dana Müller}, or {@code null}
 */
public record MailAddress(String address, @Nullable String displayName) {
    /** Checks that the address is present. */
    public MailAddress {
        Objects.requireNonNull(address, "address");
    }

    /** {@code "Dana Müller <dana@acme.com>"} or the bare address. */
    @Override
    public String toString() {
        return displayName == null ? address : displayName + " <" + address + ">";
    }
}
