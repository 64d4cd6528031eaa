package dev.mailbridge.internal.sending;

/**
 * Prepares message bytes for the SMTP DATA phase (RFC 5321 section 4.5.2): every line ends in CRLF (a bare CR or LF is
 * turned into one, since SMTP forbids them), a line starting with a dot gets a second dot, and the terminating {@code
 * CRLF.CRLF} is added.
 */
final class DataEncoder {
    private DataEncoder() {}

    static byte[] encode(byte[] message) {
        byte[] out = new byte[message.length + message.length / 32 + 8];
        int n = 0;
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            if (n + 4 > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            byte b = message[i];
            if (b == '\r') {
                out[n++] = '\r';
                out[n++] = '\n';
                if (i + 1 < message.length && message[i + 1] == '\n') {
                    i++;
                }
                lineStart = true;
                continue;
            }
            if (b == '\n') {
                out[n++] = '\r';
                out[n++] = '\n';
                lineStart = true;
                continue;
            }
            if (lineStart && b == '.') {
                out[n++] = '.';
            }
            out[n++] = b;
            lineStart = false;
        }
        if (out.length < n + 5) {
            out = java.util.Arrays.copyOf(out, n + 5);
        }
        if (!lineStart) {
            out[n++] = '\r';
            out[n++] = '\n';
        }
        out[n++] = '.';
        out[n++] = '\r';
        out[n++] = '\n';
        return java.util.Arrays.copyOf(out, n);
    }
}
