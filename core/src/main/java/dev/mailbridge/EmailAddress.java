package dev.mailbridge;

import dev.mailbridge.internal.text.HostNames;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A mailbox address such as {@code dana@acme.com}, validated when made.
 *
 * <p>Internationalised domains are accepted in either form ({@code info@bücher.example} or {@code
 * info@xn--bcher-kva.example}); {@link #domain()} gives the Unicode form for display and lookups, {@link
 * #asciiDomain()} the form that goes over the wire. The local part is kept exactly as given, because servers may treat
 * its case as significant.
 */
public final class EmailAddress {
    private final String localPart;
    private final String domain;
    private final String asciiDomain;

    private EmailAddress(String localPart, String domain, String asciiDomain) {
        this.localPart = localPart;
        this.domain = domain;
        this.asciiDomain = asciiDomain;
    }

    /**
     * Parses a bare address ({@code local@domain}, no display name or angle brackets).
     *
     * @throws IllegalArgumentException naming what is wrong and how to fix it
     */
    public static EmailAddress of(String address) {
        Objects.requireNonNull(address, "address");
        String problem = problemWith(address);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String trimmed = address.strip();
        int at = trimmed.lastIndexOf('@');
        String domain = trimmed.substring(at + 1);
        return new EmailAddress(trimmed.substring(0, at), HostNames.toUnicode(domain), HostNames.toAscii(domain));
    }

    /** What is wrong with {@code address} as a full sentence, or {@code null} when {@link #of} would accept it. */
    static @Nullable String problemWith(String address) {
        String trimmed = address.strip();
        if (trimmed.isEmpty()) {
            return "address is empty: give the mailbox address, such as dana@example.com";
        }
        if (trimmed.indexOf('<') >= 0 || trimmed.indexOf('>') >= 0) {
            return "address '" + trimmed
                    + "' has angle brackets: give the bare address; the display name is set separately";
        }
        int at = trimmed.lastIndexOf('@');
        if (at < 0) {
            return "address '" + trimmed + "' has no '@domain': give the full address, such as " + trimmed
                    + "@example.com";
        }
        String local = trimmed.substring(0, at);
        String domain = trimmed.substring(at + 1);
        if (local.isEmpty()) {
            return "address '" + trimmed + "' has nothing before '@'";
        }
        if (local.length() > 64) {
            return "address '" + trimmed + "' has a local part longer than 64 characters";
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '@' || c == ',' || c == ';') {
                return "address '" + trimmed + "' contains '" + (Character.isWhitespace(c) ? "a space" : c)
                        + "' before the '@'";
            }
        }
        if (domain.isEmpty()) {
            return "address '" + trimmed + "' has no domain after '@'";
        }
        String hostProblem = HostNames.problemWith(domain);
        if (hostProblem != null) {
            return "address '" + trimmed + "': domain '" + domain + "' " + hostProblem;
        }
        String ascii = HostNames.toAscii(domain);
        if (ascii.indexOf('.') < 0 && !ascii.equals("localhost")) {
            return "address '" + trimmed + "': domain '" + domain + "' has no dot; did you mean " + domain + ".com?";
        }
        return null;
    }

    /** The part before the {@code @}, exactly as given. */
    public String localPart() {
        return localPart;
    }

    /** The domain in lower-case Unicode form, for display and provider lookups. */
    public String domain() {
        return domain;
    }

    /** The domain in its ASCII (IDNA) form, for DNS and the SMTP envelope. */
    public String asciiDomain() {
        return asciiDomain;
    }

    /** The address with its domain in ASCII form, suitable for an SMTP envelope without SMTPUTF8. */
    public String toAsciiString() {
        return localPart + "@" + asciiDomain;
    }

    /** Equal when the local part matches exactly and the domains match ignoring case. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof EmailAddress other
                && localPart.equals(other.localPart)
                && asciiDomain.equals(other.asciiDomain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(localPart, asciiDomain);
    }

    /** The address as {@code local@domain}, with the Unicode domain. */
    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
