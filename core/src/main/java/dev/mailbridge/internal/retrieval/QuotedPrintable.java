package dev.mailbridge.internal.retrieval;

import java.util.List;

/**
 * Quoted-printable (RFC 2045 section 6.7) decoded from an array in one pass: {@code =XX} escapes (either case), soft
 * line breaks ({@code =} at the end of a line, after any trailing white space), and white space at the end of a line
 * dropped, as the RFC asks of decoders. Line breaks are kept as written. An {@code =} that starts no escape is kept as
 * written, with a note, instead of failing the part. Jakarta's stream decoder reads byte by byte through two wrapped
 * streams; on HTML newsletters that was a tenth of a whole import.
 */
final class QuotedPrintable {
    private QuotedPrintable() {}

    static byte[] decode(byte[] encoded, String where, List<String> problems) {
        byte[] out = new byte[encoded.length];
        int length = 0;
        boolean malformed = false;
        int n = encoded.length;
        int i = 0;
        while (i < n) {
            byte b = encoded[i];
            if (b == ' ' || b == '\t') {
                int end = i;
                while (end < n && (encoded[end] == ' ' || encoded[end] == '\t')) {
                    end++;
                }
                if (end == n || encoded[end] == '\r' || encoded[end] == '\n') {
                    i = end; // white space at the end of a line was added in transport: dropped
                    continue;
                }
                System.arraycopy(encoded, i, out, length, end - i);
                length += end - i;
                i = end;
            } else if (b == '=') {
                int hi = i + 1 < n ? hex(encoded[i + 1]) : -1;
                int lo = i + 2 < n ? hex(encoded[i + 2]) : -1;
                if (hi >= 0 && lo >= 0) {
                    out[length++] = (byte) (hi << 4 | lo);
                    i += 3;
                    continue;
                }
                int end = i + 1;
                while (end < n && (encoded[end] == ' ' || encoded[end] == '\t')) {
                    end++;
                }
                if (end == n) {
                    i = end; // a soft line break at the very end
                } else if (encoded[end] == '\n') {
                    i = end + 1;
                } else if (encoded[end] == '\r') {
                    i = end + 1 < n && encoded[end + 1] == '\n' ? end + 2 : end + 1;
                } else {
                    out[length++] = b; // not an escape: kept as written
                    malformed = true;
                    i++;
                }
            } else {
                out[length++] = b;
                i++;
            }
        }
        if (malformed) {
            problems.add(where + ": quoted-printable content has '=' signs that start no escape: kept as written");
        }
        return java.util.Arrays.copyOf(out, length);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
