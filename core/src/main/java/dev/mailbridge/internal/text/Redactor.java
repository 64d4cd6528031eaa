package dev.mailbridge.internal.text;

import dev.mailbridge.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Removes a secret from text that came back from a server or a library, in case either echoed it. */
public final class Redactor {
    public static final String MARK = "[redacted]";

    private Redactor() {}

    /** {@code text} with every occurrence of the secret, raw or Base64-encoded, replaced by {@link #MARK}. */
    public static String scrub(String text, Secret secret) {
        String value = secret.reveal();
        if (value.length() < 3) {
            return text;
        }
        String result = text.replace(value, MARK);
        String encoded = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        return result.replace(encoded, MARK);
    }

    /** Shortens one-line server text for reports. */
    public static String oneLine(String text, int max) {
        String flat = text.replace('\r', ' ').replace('\n', ' ').strip();
        return flat.length() <= max ? flat : flat.substring(0, max) + "...";
    }
}
