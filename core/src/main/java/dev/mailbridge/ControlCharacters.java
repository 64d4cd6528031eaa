package dev.mailbridge;

import org.jspecify.annotations.Nullable;

/**
 * Finds the characters that must never reach a protocol dialogue inside a credential or username: CR and LF end a
 * command line, so a password ending in {@code "\r\nDELE 1"} would be a second command, and NUL ends SASL PLAIN's
 * fields. The message names the likely cause, since such values are almost always pasted or read from a file.
 */
final class ControlCharacters {
    private ControlCharacters() {}

    /** What is wrong with {@code value}, phrased after {@code field} ("password ..."), or {@code null}. */
    static @Nullable String problemWith(String field, String value) {
        int lineBreak = firstOf(value, '\r', '\n');
        if (lineBreak >= 0) {
            boolean trailing = value.substring(lineBreak).chars().allMatch(c -> c == '\r' || c == '\n');
            return trailing
                    ? field + " ends with a line break: was it read from a file? Remove the trailing newline"
                    : field + " contains a line break (CR or LF), which no mail server accepts in a " + field
                            + ": check what was pasted";
        }
        if (value.indexOf('\0') >= 0) {
            return field + " contains a NUL character, which no mail server accepts: check how it was read";
        }
        return null;
    }

    /** Throws {@link IllegalArgumentException} with {@link #problemWith}'s message when there is a problem. */
    static void refuse(String field, String value) {
        String problem = problemWith(field, value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static int firstOf(String value, char a, char b) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }
}
