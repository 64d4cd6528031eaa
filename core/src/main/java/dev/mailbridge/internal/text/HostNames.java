package dev.mailbridge.internal.text;

import java.net.IDN;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Checks and normalises host names the way users type them, including internationalised ones. */
public final class HostNames {
    private HostNames() {}

    /**
     * What is wrong with {@code host}, phrased to follow the host in a message, or {@code null} when it is usable.
     * Catches what people paste by mistake: URLs, addresses, a port after a colon.
     */
    public static @Nullable String problemWith(String host) {
        if (host.contains("://")) {
            return "is a URL: give only the server name, such as imap.example.com";
        }
        if (host.indexOf('@') >= 0) {
            return "is an email address: give the server name, such as imap.example.com";
        }
        if (isIpLiteral(host)) {
            return null;
        }
        if (host.indexOf(':') >= 0) {
            return "contains ':': give the port separately, not as part of the host";
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '/' || c == '\\') {
                return "contains '" + printable(c) + "', which no host name may contain";
            }
        }
        try {
            String ascii = toAscii(host);
            if (ascii.isEmpty() || ascii.startsWith(".") || ascii.contains("..")) {
                return "is not a valid host name (empty label)";
            }
            for (int i = 0; i < ascii.length(); i++) {
                char c = ascii.charAt(i);
                // Letters, digits, hyphens and dots; underscores occur in real DNS names and are tolerated.
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')) {
                    return "contains '" + printable(c) + "', which no host name may contain"
                            + (c == '%' ? " (an unfilled placeholder such as %EMAILDOMAIN%?)" : "");
                }
            }
        } catch (IllegalArgumentException e) {
            return "is not a valid host name (" + e.getMessage() + ")";
        }
        return null;
    }

    /** The ASCII (IDNA) form of {@code host}, lower case, without a trailing dot. */
    public static String toAscii(String host) {
        if (isIpLiteral(host)) {
            return host;
        }
        String withoutDot = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return IDN.toASCII(withoutDot, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    /** The Unicode form of {@code host}, lower case, for display and comparisons. */
    public static String toUnicode(String host) {
        return IDN.toUnicode(toAscii(host), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    /** Whether {@code host} is an IPv4 or IPv6 literal rather than a name. */
    public static boolean isIpLiteral(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return true;
        }
        if (host.indexOf(':') >= 0 && host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return host.chars().filter(c -> c == ':').count() >= 2;
        }
        return host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')
                && host.chars().filter(c -> c == '.').count() == 3;
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? String.format("\\u%04x", (int) c)
                : String.valueOf(c);
    }
}
