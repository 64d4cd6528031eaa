package dev.mailbridge.internal.retrieval;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A message whose body starts without the blank line RFC 5322 puts after the headers (CPython's test suite has one;
 * broken gateways send them): Jakarta Mail drops the first body line, since it is no header. Here the first line in the
 * header block that is neither a header nor a continuation starts the body, with a note, so nothing is lost.
 */
final class HeaderBodySeparator {
    private HeaderBodySeparator() {}

    /** {@code raw}, or a copy with the missing blank line put in where the body begins. */
    static byte[] repaired(byte[] raw, List<String> problems) {
        int line = 0;
        int index = 0;
        while (index < raw.length) {
            int end = index;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int contentEnd = end > index && raw[end - 1] == '\r' ? end - 1 : end;
            if (contentEnd == index) {
                return raw; // the blank line is there: headers end here
            }
            boolean mboxSeparator = line == 0 && startsWith(raw, index, "From ");
            if (!mboxSeparator && !continuation(raw[index]) && !header(raw, index, contentEnd)) {
                problems.add("no blank line between the headers and the body: the body starts at line " + (line + 1));
                ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 2);
                out.write(raw, 0, index);
                out.write('\r');
                out.write('\n');
                out.write(raw, index, raw.length - index);
                return out.toByteArray();
            }
            index = end + 1;
            line++;
        }
        return raw;
    }

    private static boolean continuation(byte first) {
        return first == ' ' || first == '\t';
    }

    /** A field name (printable ASCII but the colon, RFC 5322 3.6.8) followed by a colon. */
    private static boolean header(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = raw[i];
            if (b == ':') {
                return i > from;
            }
            if (b < 33 || b > 126) {
                return false;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] raw, int from, String prefix) {
        if (from + prefix.length() > raw.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (raw[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
