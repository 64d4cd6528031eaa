package dev.mailbridge.internal.diagnosis;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What servers say when they mean a specific problem. Each pattern lists real wordings (Gmail, Microsoft, Yahoo,
 * iCloud, Dovecot, Postfix, Exim, cPanel hosts) so a refusal is classified by meaning, not only by status code.
 */
final class ReplyPatterns {
    private ReplyPatterns() {}

    private static Pattern words(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /** Connection limits; must be tested before authentication failures, which some servers also say. */
    static final Pattern TOO_MANY_CONNECTIONS = words("too many (simultaneous |concurrent )?(connections|sessions)"
            + "|maximum number of (concurrent )?(server )?connections|\\[LIMIT\\]|\\[IN-USE\\]|mail_max_userip_connections"
            + "|connection limit|4\\.3\\.2 the maximum number|too many concurrent|maildrop (is )?(already )?locked");

    /** Gmail 534-5.7.9, Apple's and Yahoo's app-specific password messages. */
    static final Pattern APP_PASSWORD = words("5\\.7\\.9|application-specific password|app(lication)?[- ]specific"
            + " password|app password|web login required|\\[WEBALERT");

    /** Microsoft's retired basic authentication and disabled SMTP AUTH. */
    static final Pattern BASIC_AUTH_DISABLED = words("5\\.7\\.139|5\\.7\\.30|basic auth(entication)? is (disabled|not"
            + " supported)|SmtpClientAuthentication is disabled|security defaults");

    /** IMAP or POP switched off for the mailbox. */
    static final Pattern PROTOCOL_DISABLED = words("not enabled for (IMAP|POP)|(IMAP|POP3?) (access )?(is )?disabled"
            + "|enable (IMAP|POP)|authenticated but not connected|\\[SYS/PERM\\].*(IMAP|POP)");

    /** A temporary refusal. */
    static final Pattern TEMPORARY = words("\\[UNAVAILABLE\\]|temporar|try again later|\\[SYS/TEMP\\]|^4\\d\\d");

    /** The server wants TLS before a login. */
    static final Pattern TLS_FIRST = words("\\[PRIVACYREQUIRED\\]|must issue a STARTTLS|STARTTLS first|5\\.7\\.0 .*TLS"
            + "|encryption required|plaintext authentication disallowed");

    /** An OAuth2 token refused (the JSON challenge Google and Microsoft send). */
    static final Pattern TOKEN_REJECTED =
            words("\"status\"\\s*:\\s*\"40[01]\"|invalid_token|invalid token|token" + " (is )?expired|AADSTS");

    static boolean matches(Pattern pattern, String text) {
        return pattern.matcher(text).find();
    }

    /** Which protocol a greeting line looks like, or {@code null} when it is not a mail greeting. */
    static @Nullable String protocolOfGreeting(String greeting) {
        String g = greeting.toUpperCase(Locale.ROOT);
        if (g.startsWith("* OK") || g.startsWith("* PREAUTH") || g.startsWith("* BYE")) {
            return "IMAP";
        }
        if (g.startsWith("+OK") || g.startsWith("-ERR")) {
            return "POP3";
        }
        if (g.matches("^[2-5]\\d\\d[ -].*")) {
            return "SMTP";
        }
        return null;
    }
}
