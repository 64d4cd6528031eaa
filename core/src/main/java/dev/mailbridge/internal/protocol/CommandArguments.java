package dev.mailbridge.internal.protocol;

import dev.mailbridge.Secret;

/**
 * The last check before a username or secret goes into a protocol command: CR or LF would end the command early and
 * turn the rest into a command of its own (a password ending in {@code "\r\nDELE 1"}), NUL would end a SASL field.
 * Credentials and account builders refuse such values where they enter; this keeps every dialogue safe even if one
 * slips past them (a token source, a future entry point).
 */
final class CommandArguments {
    private CommandArguments() {}

    /** @throws IllegalArgumentException naming which argument holds a CR, LF or NUL, never its value */
    static void requireSingleLine(String username, Secret secret) {
        check("the username", username);
        check("the secret", secret.reveal());
    }

    private static void check(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException(
                        "refused to log in: " + what + " holds " + (c == '\0' ? "NUL" : "a line break"));
            }
        }
    }
}
