package dev.mailbridge.internal.retrieval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A 64-bit fingerprint of a message's identity (its Message-ID, Date, From and Subject header fields, unfolded, with
 * runs of white space made one space), to recognise mail already handled after a server renumbered a folder. It is
 * computed from the header bytes alone, so the same message gives the same value whether it came whole from a
 * retrieval or as {@code BODY.PEEK[HEADER.FIELDS (...)]} from a scan of a renumbered folder. SHA-256 cut to 64 bits:
 * a chosen-collision would let one message hide another only after a renumbering, and costs 2^32 work even then.
 */
final class MessageFingerprint {
    /** The fields, in the order they are hashed; the IMAP fetch asks for exactly these. */
    static final String FIELDS = "MESSAGE-ID DATE FROM SUBJECT";

    private static final String[] NAMES = {"message-id", "date", "from", "subject"};

    private MessageFingerprint() {}

    /** The fingerprint of the header at the start of {@code message} (a whole message or just header lines). */
    static long of(byte[] message) {
        @Nullable String[] values = new String[NAMES.length];
        int lineStart = 0;
        int field = -1;
        @Nullable StringBuilder value = null;
        while (lineStart < message.length) {
            int lineEnd = lineStart;
            while (lineEnd < message.length && message[lineEnd] != '\n') {
                lineEnd++;
            }
            int contentEnd = lineEnd > lineStart && message[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == lineStart) {
                break; // the blank line: the header ends
            }
            byte first = message[lineStart];
            if (first == ' ' || first == '\t') {
                if (value != null) {
                    value.append(' ').append(latin1(message, lineStart, contentEnd));
                }
            } else {
                finish(values, field, value);
                field = -1;
                value = null;
                int colon = indexOf(message, (byte) ':', lineStart, contentEnd);
                if (colon < 0) {
                    break; // not a header line: a body that began without the blank line
                }
                String name = latin1(message, lineStart, colon).strip().toLowerCase(Locale.ROOT);
                for (int i = 0; i < NAMES.length; i++) {
                    if (NAMES[i].equals(name) && values[i] == null) {
                        field = i;
                        value = new StringBuilder(latin1(message, colon + 1, contentEnd));
                    }
                }
            }
            lineStart = lineEnd + 1;
        }
        finish(values, field, value);
        return hash(values);
    }

    private static void finish(@Nullable String[] values, int field, @Nullable StringBuilder value) {
        if (field >= 0 && value != null) {
            values[field] = collapse(value);
        }
    }

    /** Runs of spaces and tabs as one space, none at either end. */
    private static String collapse(CharSequence value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static long hash(@Nullable String[] values) {
        StringBuilder identity = new StringBuilder();
        for (String value : values) {
            identity.append(value == null ? "" : value).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(identity.toString().getBytes(StandardCharsets.ISO_8859_1));
            long fingerprint = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                fingerprint = (fingerprint << 8) | (digest[i] & 0xff);
            }
            return fingerprint == 0 ? 1 : fingerprint; // 0 marks an empty slot in FingerprintSet
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String latin1(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
