package dev.mailbridge.internal.retrieval;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * UTF-7 (RFC 2152), which old clients and some Asian webmail still use for subjects and bodies and which the JDK has no
 * charset for: runs of modified base64 between {@code +} and {@code -} hold UTF-16; {@code +-} is a plus sign.
 */
final class Utf7 {
    private static final Pattern ENCODED_WORD =
            Pattern.compile("=\\?(utf-7|unicode-1-1-utf-7)\\?([qb])\\?([^?]*)\\?=", Pattern.CASE_INSENSITIVE);

    private Utf7() {}

    /** {@code bytes} read as UTF-7; a malformed run is kept as its characters. */
    static String decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '+') {
                out.append(c);
                i++;
                continue;
            }
            int end = i + 1;
            while (end < text.length() && isBase64(text.charAt(end))) {
                end++;
            }
            if (end == i + 1) {
                out.append('+'); // "+-" is a plus; a lone "+" stays one
                i = end < text.length() && text.charAt(end) == '-' ? end + 1 : end;
                continue;
            }
            String run = text.substring(i + 1, end);
            byte[] utf16 = decodeRun(run);
            if (utf16 == null) {
                out.append(text, i, end);
            } else {
                out.append(new String(utf16, 0, utf16.length - utf16.length % 2, StandardCharsets.UTF_16BE));
            }
            i = end < text.length() && text.charAt(end) == '-' ? end + 1 : end;
        }
        return out.toString();
    }

    /**
     * {@code header} with its UTF-7 encoded words ({@code =?UTF-7?Q?...?=}) decoded, so that the JDK's decoder (which
     * cannot read them) sees only plain text and the other encoded words.
     */
    static String decodeEncodedWords(String header) {
        if (header.indexOf("=?") < 0) {
            return header; // no encoded word at all: the common case, without a regex
        }
        Matcher word = ENCODED_WORD.matcher(header);
        if (!word.find()) {
            return header;
        }
        StringBuilder out = new StringBuilder();
        word.reset();
        while (word.find()) {
            byte[] bytes =
                    word.group(2).toLowerCase(Locale.ROOT).equals("b") ? base64(word.group(3)) : quoted(word.group(3));
            word.appendReplacement(out, Matcher.quoteReplacement(decode(bytes)));
        }
        word.appendTail(out);
        return out.toString();
    }

    /** A run of modified base64 (no padding); {@code null} when it is not base64 after all. */
    private static byte @Nullable [] decodeRun(String run) {
        String usable = run.length() % 4 == 1 ? run.substring(0, run.length() - 1) : run;
        try {
            return Base64.getDecoder().decode(usable + "=".repeat((4 - usable.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static byte[] quoted(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length()) {
                try {
                    out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                } catch (NumberFormatException e) {
                    out.write(c);
                }
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
