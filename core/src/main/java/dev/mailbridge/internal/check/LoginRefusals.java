package dev.mailbridge.internal.check;

import static dev.mailbridge.internal.check.ReplyPatterns.matches;

import dev.mailbridge.check.ProblemCode;

/**
 * The code of a refused login outside the connection check (retrieval, sending, Sent copies), by the same wordings the
 * check recognises. A refused login is not always a wrong password: Dovecot answers its per-user connection limit with
 * {@code NO [LIMIT]} to LOGIN, and calling that a wrong password would make an application disable a healthy mailbox.
 */
public final class LoginRefusals {
    private LoginRefusals() {}

    /** The problem the server's refusal of a login names; {@link ProblemCode#AUTHENTICATION_REJECTED} by default. */
    public static ProblemCode codeOf(String reply) {
        if (matches(ReplyPatterns.TOO_MANY_CONNECTIONS, reply)) {
            return ProblemCode.TOO_MANY_CONNECTIONS;
        }
        if (matches(ReplyPatterns.BASIC_AUTH_DISABLED, reply)) {
            return ProblemCode.BASIC_AUTH_DISABLED;
        }
        if (matches(ReplyPatterns.APP_PASSWORD, reply)) {
            return ProblemCode.APP_PASSWORD_REQUIRED;
        }
        if (matches(ReplyPatterns.PROTOCOL_DISABLED, reply)) {
            return ProblemCode.MAIL_PROTOCOL_DISABLED;
        }
        if (matches(ReplyPatterns.TEMPORARY, reply)) {
            return ProblemCode.SERVER_UNAVAILABLE;
        }
        return ProblemCode.AUTHENTICATION_REJECTED;
    }
}
