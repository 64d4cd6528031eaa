package dev.mailbridge.internal.retrieval;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A part's content, decoded from its Content-Transfer-Encoding the way a reader would want it: common misspellings
 * ({@code 7-bit}, {@code quoted printable}, {@code base-64}, {@code plain}) mean what they say; base64 that is cut
 * short or holds stray characters is decoded as far as it goes, with a note; an encoding nobody knows ({@code
 * x-gzip64}) keeps the raw bytes (RFC 2045 section 6.4), with a note. Jakarta Mail instead fails the part, which
 * dropped the whole text of a ticket.
 */
final class TransferEncodings {
    private TransferEncodings() {}

    /**
     * The decoded content of {@code part}, at most {@code limit + 1} bytes (so an oversized part is recognised
     * without being kept); problems go to {@code problems}, prefixed with {@code where}.
     */
    static byte[] decode(Part part, long limit, String where, List<String> problems)
            throws MessagingException, IOException {
        String declared = declared(part);
        String encoding = normalise(declared);
        InputStream raw = raw(part);
        if (raw == null) {
            return Bounded.read(part.getInputStream(), limit);
        }
        try (InputStream in = raw) {
            switch (encoding) {
                case "7bit", "8bit", "binary" -> {
                    return Bounded.read(in, limit);
                }
                case "base64" -> {
                    long bound = encodedLimit(limit);
                    byte[] encoded = Bounded.read(in, bound);
                    if (encoded.length <= bound) {
                        return base64(encoded, limit, where, problems); // the whole content: decoded from the array
                    }
                    // Longer than the limit needs (or padded with much white space): stream, up to the limit.
                    InputStream again = raw(part);
                    try (InputStream stream = again == null ? part.getInputStream() : again) {
                        return Bounded.read(Base64.getMimeDecoder().wrap(stream), limit);
                    } catch (IOException malformed) {
                        return base64(encoded, limit, where, problems);
                    }
                }
                case "quoted-printable" -> {
                    // Never expands: three encoded bytes ("=XX") per decoded byte is the most it takes.
                    long bound = limit >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE : limit * 3 + 64;
                    byte[] encoded = Bounded.read(in, bound);
                    // Cut at the bound, the last escape may be cut too: no note for what lies beyond the limit anyway.
                    List<String> notes = encoded.length > bound ? new java.util.ArrayList<>() : problems;
                    byte[] decoded = QuotedPrintable.decode(encoded, where, notes);
                    return decoded.length > limit
                            ? java.util.Arrays.copyOf(decoded, (int) Math.min(decoded.length, limit + 1))
                            : decoded;
                }
                case "uuencode" -> {
                    // Shrinks (four characters for three bytes, plus line framing): three per byte is more than enough.
                    long bound = limit >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE : limit * 3 + 64;
                    byte[] encoded = Bounded.read(in, bound);
                    try {
                        if (encoded.length > bound) {
                            // Longer than the limit needs: stream the decoding, up to the limit.
                            InputStream again = raw(part);
                            try (InputStream stream = again == null ? part.getInputStream() : again) {
                                return Bounded.read(MimeUtility.decode(stream, encoding), limit);
                            }
                        }
                        return Bounded.read(MimeUtility.decode(new ByteArrayInputStream(encoded), encoding), limit);
                    } catch (MessagingException | IOException e) {
                        problems.add(where + ": " + encoding + " content could not be decoded (" + e.getMessage()
                                + "): kept as sent");
                        return encoded;
                    }
                }
                default -> {
                    problems.add(where + ": unknown Content-Transfer-Encoding '" + declared + "': kept as sent");
                    return Bounded.read(in, limit);
                }
            }
        }
    }

    /**
     * The decoded size of {@code part}, counted while streaming, for an attachment too large to keep: nothing of it is
     * held in memory. Content whose encoding cannot be streamed (malformed base64) is decoded leniently instead.
     */
    static long decodedSize(Part part) throws MessagingException, IOException {
        String encoding = normalise(declared(part));
        InputStream raw = raw(part);
        if (raw == null) {
            return count(part.getInputStream());
        }
        try (InputStream in = raw) {
            return switch (encoding) {
                case "base64", "quoted-printable", "uuencode" -> count(MimeUtility.decode(in, encoding));
                default -> count(in);
            };
        } catch (IOException malformed) {
            return decode(part, Long.MAX_VALUE, "", new java.util.ArrayList<>()).length;
        }
    }

    private static long count(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
        }
        return total;
    }

    /** How many base64 characters hold {@code limit} bytes, saturating. */
    private static long encodedLimit(long limit) {
        return limit >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : limit * 4 / 3 + 8;
    }

    /** The encoding a sender meant by {@code declared}; {@code 7bit} when none is declared. */
    static String normalise(@Nullable String declared) {
        if (declared == null || declared.isBlank()) {
            return "7bit";
        }
        String e = declared.strip().replace("\"", "").toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
        return switch (e) {
            case "7bit", "7-bit", "7", "plain", "text", "none", "ascii", "us-ascii" -> "7bit";
            case "8bit", "8-bit", "8" -> "8bit";
            case "binary" -> "binary";
            case "base64", "base-64", "b64" -> "base64";
            case "quoted-printable", "quotedprintable", "qp", "quoted", "quoted-printed" -> "quoted-printable";
            case "uuencode", "x-uuencode", "x-uue", "uue" -> "uuencode";
            default -> e;
        };
    }

    private static @Nullable String declared(Part part) throws MessagingException {
        String[] values = part.getHeader("Content-Transfer-Encoding");
        return values == null || values.length == 0 ? null : values[0];
    }

    private static @Nullable InputStream raw(Part part) throws MessagingException {
        if (part instanceof MimeBodyPart body) {
            return body.getRawInputStream();
        }
        if (part instanceof MimeMessage message) {
            return message.getRawInputStream();
        }
        return null;
    }

    /**
     * Base64 as far as it is base64. The common case goes through the JDK's MIME decoder on the whole array (it skips
     * line breaks and stray characters); base64 that is padded wrongly is read again character by character, and a last
     * group cut short is decoded for the bytes it completes, with a note either way.
     */
    private static byte[] base64(byte[] encoded, long limit, String where, List<String> problems) {
        byte[] decoded;
        boolean cutShort;
        try {
            decoded = Base64.getMimeDecoder().decode(encoded);
            // Unpadded, the decoder turns a last group of two or three characters into one or two bytes, so a length
            // that is no multiple of three tells a cut group without a second pass over the characters.
            cutShort = !endsPadded(encoded) && decoded.length % 3 != 0;
        } catch (IllegalArgumentException malformed) {
            decoded = lenientBase64(encoded);
            problems.add(where + ": base64 content is malformed (" + malformed.getMessage() + "): decoded as far as it"
                    + " goes");
            long alphabet = 0;
            boolean padded = false;
            for (byte b : encoded) {
                alphabet += ALPHABET[b & 0xff];
                padded |= b == '=';
            }
            cutShort = !padded && alphabet % 4 != 0;
        }
        if (cutShort) {
            problems.add(where + ": base64 content ends in the middle of a group (cut short?): decoded as far as it"
                    + " goes");
        }
        return decoded.length > limit
                ? java.util.Arrays.copyOf(decoded, (int) Math.min(decoded.length, limit + 1))
                : decoded;
    }

    /** Whether the last character that is not white space is padding. */
    private static boolean endsPadded(byte[] encoded) {
        for (int i = encoded.length - 1; i >= 0; i--) {
            byte b = encoded[i];
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                return b == '=';
            }
        }
        return false;
    }

    /** 1 for each byte of the base64 alphabet, else 0: a table, because this runs over every attachment's bytes. */
    private static final byte[] ALPHABET = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            boolean letter = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9');
            ALPHABET[b] = (byte) (letter || b == '+' || b == '/' ? 1 : 0);
        }
    }

    private static boolean isAlphabet(byte b) {
        return ALPHABET[b & 0xff] == 1;
    }

    /** Only the alphabet, up to the first padding; whole groups, and the bytes a last partial group completes. */
    private static byte[] lenientBase64(byte[] encoded) {
        ByteArrayOutputStream clean = new ByteArrayOutputStream(encoded.length);
        for (byte b : encoded) {
            if (b == '=') {
                break;
            }
            if (isAlphabet(b)) {
                clean.write(b);
            }
        }
        byte[] chars = clean.toByteArray();
        int rest = chars.length % 4;
        int usable = rest == 1 ? chars.length - 1 : chars.length;
        byte[] padded = java.util.Arrays.copyOf(chars, usable + (4 - usable % 4) % 4);
        java.util.Arrays.fill(padded, usable, padded.length, (byte) '=');
        return Base64.getDecoder().decode(padded);
    }

    /** Reads at most {@code limit + 1} bytes. */
    static final class Bounded {
        private Bounded() {}

        static byte[] read(InputStream in, long limit) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (total + n > limit) {
                    out.write(buffer, 0, (int) Math.min(n, limit - total + 1));
                    break;
                }
                out.write(buffer, 0, n);
                total += n;
            }
            return out.toByteArray();
        }
    }
}
