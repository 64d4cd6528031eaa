package dev.mailbridge.sending;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.internal.sending.HeaderGuard;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An address a message goes to, with the name shown next to it.
 *
 * @param address the mailbox address; its domain may be internationalised and is sent in ASCII form
 * @param name the display name, or {@code null} for none
 */
public record Recipient(EmailAddress address, @Nullable String name) {
    /** Checks the name for line breaks, which would inject headers, and the address for what SMTP can carry. */
    public Recipient {
        Objects.requireNonNull(address, "address");
        HeaderGuard.checkValue("recipient name", name);
        HeaderGuard.checkAsciiLocalPart("recipient", address);
        if (name != null && name.isBlank()) {
            name = null;
        }
    }

    /**
     * Parses a bare address such as {@code dana@acme.com}.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static Recipient of(String address) {
        return new Recipient(EmailAddress.of(address), null);
    }

    /** {@code address} shown as {@code name}. */
    public static Recipient of(String address, @Nullable String name) {
        return new Recipient(EmailAddress.of(address), name);
    }

    /** The display name, if any. */
    public Optional<String> displayName() {
        return Optional.ofNullable(name);
    }

    /** {@code "Dana" <dana@acme.com>} or the bare address. */
    @Override
    public String toString() {
        return name == null ? address.toString() : "\"" + name + "\" <" + address + ">";
    }
}
