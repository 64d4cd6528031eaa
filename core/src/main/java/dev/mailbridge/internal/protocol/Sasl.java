package dev.mailbridge.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The SASL initial responses Mailbridge sends (RFC 4616 PLAIN, Google/Microsoft XOAUTH2). */
public final class Sasl {
    private Sasl() {}

    /** {@code base64("\0" + user + "\0" + password)}. */
    public static String plain(String username, String password) {
        return base64("\0" + username + "\0" + password);
    }

    /** {@code base64("user=" + user + "^Aauth=Bearer " + token + "^A^A")}. */
    public static String xoauth2(String username, String token) {
        return base64("user=" + username + "\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    /** UTF-8 then Base64. */
    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a server challenge for display, or returns it unchanged when it is not Base64. */
    public static String decodeChallenge(String challenge) {
        try {
            return new String(Base64.getDecoder().decode(challenge.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return challenge;
        }
    }
}
