package dev.mailbridge.internal.protocol;

/** IMAP quoting and mailbox-name encoding (RFC 3501 quoted strings, modified UTF-7). */
public final class ImapText {
    private ImapText() {}

    /** Whether {@code text} can be sent as a quoted string (printable ASCII without CR/LF). */
    public static boolean quotable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} as an IMAP quoted string. */
    public static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A mailbox name in modified UTF-7 (RFC 3501 section 5.1.3), quoted. */
    public static String mailbox(String name) {
        StringBuilder out = new StringBuilder();
        StringBuilder pending = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                flush(pending, out);
                out.append(c == '&' ? "&-" : String.valueOf(c));
            } else {
                pending.append(c);
            }
        }
        flush(pending, out);
        return quote(out.toString());
    }

    private static void flush(StringBuilder pending, StringBuilder out) {
        if (pending.length() == 0) {
            return;
        }
        byte[] utf16 = pending.toString().getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
        String encoded = java.util.Base64.getEncoder()
                .withoutPadding()
                .encodeToString(utf16)
                .replace('/', ',');
        out.append('&').append(encoded).append('-');
        pending.setLength(0);
    }
}
