package dev.mailbridge.internal.sending;

import dev.mailbridge.EmailAddress;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Refuses header text that could inject headers or that a server could not carry. A CR or LF in a value would end the
 * header and let the rest of the text add its own (a Bcc to a spammer's list); a NUL is cut off by some servers.
 */
public final class HeaderGuard {
    /** Headers Mailbridge writes itself from the identity and message; setting them by hand would contradict it. */
    private static final Set<String> RESERVED = Set.of(
            "from",
            "sender",
            "to",
            "cc",
            "bcc",
            "reply-to",
            "subject",
            "date",
            "message-id",
            "in-reply-to",
            "references",
            "mime-version",
            "content-type",
            "content-transfer-encoding",
            "content-disposition",
            "content-id",
            "return-path",
            "received");

    private HeaderGuard() {}

    /**
     * Checks that {@code value} is one line without NUL.
     *
     * @throws IllegalArgumentException naming {@code field}
     */
    public static void checkValue(String field, @Nullable String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException(field + " contains a line break (CR or LF) at position " + i
                        + "; header injection refused: give one line of text");
            }
            if (c == 0) {
                throw new IllegalArgumentException(
                        field + " contains a NUL character at position " + i + "; remove it");
            }
        }
    }

    /**
     * Checks a header an application adds: a valid name (printable ASCII without colon), not one Mailbridge sets
     * itself, and a one-line value.
     */
    public static void checkCustomHeader(String name, String value) {
        if (name == null || value == null) {
            throw new NullPointerException(name == null ? "header name" : "value of header " + name);
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                throw new IllegalArgumentException(
                        "header name '" + name.replace("\r", "\\r").replace("\n", "\\n")
                                + "' may hold only printable ASCII without spaces or ':'");
            }
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("header " + name + " is set by Mailbridge from the identity and the"
                    + " message: use the builder's own method (to, cc, subject, replyTo, threading...) instead");
        }
        checkValue("header " + name, value);
    }

    /**
     * Refuses an address whose local part is not ASCII: it needs SMTPUTF8 (RFC 6531) end to end, which Mailbridge does
     * not negotiate, so the server would refuse or mangle it.
     */
    public static void checkAsciiLocalPart(String field, EmailAddress address) {
        String local = address.localPart();
        for (int i = 0; i < local.length(); i++) {
            if (local.charAt(i) > 127) {
                throw new IllegalArgumentException(field + " " + address + " has non-ASCII characters before the '@';"
                        + " such addresses need SMTPUTF8, which Mailbridge does not send: ask for an ASCII address"
                        + " (internationalised domains are fine)");
            }
        }
    }

    /** A Message-ID without angle brackets (either form is accepted), checked to be one token. */
    public static String messageId(String field, String id) {
        String bare = id.strip();
        if (bare.startsWith("<") && bare.endsWith(">")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        if (bare.isEmpty()) {
            throw new IllegalArgumentException(field + " is an empty Message-ID");
        }
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            if (c <= ' ' || c > 126 || c == '<' || c == '>') {
                throw new IllegalArgumentException(
                        field + " '" + id.replace("\r", "\\r").replace("\n", "\\n")
                                + "' is not a Message-ID: it must be one token without spaces, such as <abc@example.com>");
            }
        }
        return bare;
    }
}
