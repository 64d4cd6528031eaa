package dev.mailbridge.internal.retrieval;

import jakarta.mail.internet.MimeUtility;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A structured header value ({@code multipart/mixed; boundary=----=_Part_1}, {@code attachment;
 * filename==?UTF-8?B?...?=}) read the way real mail writes it rather than as RFC 2045 demands: parameter values that
 * hold specials without quotes, empty parameters ({@code ;;}), stray spaces. Jakarta Mail's parser refuses these unless
 * JVM-wide system properties say otherwise, and a library must not set those; so when Jakarta refuses a value, this
 * reads it.
 */
final class LenientHeaderValue {
    private final String value;
    private final Map<String, String> parameters;

    private LenientHeaderValue(String value, Map<String, String> parameters) {
        this.value = value;
        this.parameters = parameters;
    }

    /** Reads {@code header}: the value before the first {@code ;}, then {@code name=value} pairs. */
    static LenientHeaderValue parse(String header) {
        String[] pieces = split(header);
        String value = pieces.length == 0 ? "" : pieces[0].strip().toLowerCase(Locale.ROOT);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < pieces.length; i++) {
            String piece = pieces[i].strip();
            int equals = piece.indexOf('=');
            if (piece.isEmpty() || equals <= 0) {
                continue; // ";;" or a name without a value
            }
            String name = piece.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String raw = piece.substring(equals + 1).strip();
            if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
                raw = raw.substring(1, raw.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            parameters.putIfAbsent(name, raw);
        }
        return new LenientHeaderValue(value, parameters);
    }

    /** The value before the parameters, lower case ({@code multipart/mixed}, {@code attachment}). */
    String value() {
        return value;
    }

    /** A parameter's value, unquoted; RFC 2047 encoded words in it are decoded. */
    @Nullable
    String parameter(String name) {
        String raw = parameters.get(name.toLowerCase(Locale.ROOT));
        if (raw == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(raw);
        } catch (java.io.UnsupportedEncodingException e) {
            return raw;
        }
    }

    /** The value with every parameter quoted, so that Jakarta Mail's strict parser takes it. */
    String quoted() {
        StringBuilder out = new StringBuilder(value);
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            out.append("; ")
                    .append(p.getKey())
                    .append("=\"")
                    .append(p.getValue().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return out.toString();
    }

    /** Splits at {@code ;} outside quotes. */
    private static String[] split(String header) {
        java.util.List<String> pieces = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"' && (i == 0 || header.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                pieces.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        pieces.add(current.toString());
        return pieces.toArray(new String[0]);
    }
}
