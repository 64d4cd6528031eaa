package dev.mailbridge.internal.sending;

import java.io.ByteArrayOutputStream;

/**
 * Cuts the Bcc header (with its folded continuation lines) out of an encoded message's header section, so blind
 * recipients stay blind on the wire while the Sent copy keeps the list, as mail clients do.
 */
final class BccHeader {
    private BccHeader() {}

    static byte[] remove(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        int i = 0;
        boolean skipping = false;
        while (i < message.length) {
            int end = lineEnd(message, i);
            int length = end - i;
            boolean blank = length == 0 || (length == 1 && message[i] == '\r');
            if (blank) {
                out.write(message, i, message.length - i); // the header section ends here; the body is untouched
                return out.toByteArray();
            }
            boolean continuation = message[i] == ' ' || message[i] == '\t';
            if (!continuation) {
                skipping = startsWithIgnoreCase(message, i, "bcc:");
            }
            int next = Math.min(end + 1, message.length);
            if (!skipping) {
                out.write(message, i, next - i);
            }
            i = next;
        }
        return out.toByteArray();
    }

    /** The index of the LF ending the line at {@code start}, or the array's length. */
    private static int lineEnd(byte[] message, int start) {
        for (int i = start; i < message.length; i++) {
            if (message[i] == '\n') {
                return i;
            }
        }
        return message.length;
    }

    private static boolean startsWithIgnoreCase(byte[] message, int start, String prefix) {
        if (start + prefix.length() > message.length) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (Character.toLowerCase((char) message[start + k]) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
