package dev.mailbridge.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.check.ProblemCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Refused logins outside the check are named by the server's words, as real servers word them. */
class LoginRefusalsTest {
    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[LIMIT] Maximum number of connections from user+IP exceeded (mail_max_userip_connections=20)"
                        + "| TOO_MANY_CONNECTIONS",
                "[AUTHENTICATIONFAILED] Authentication failed. | AUTHENTICATION_REJECTED",
                "535 5.7.8 Error: authentication failed: authentication failure | AUTHENTICATION_REJECTED",
                "534-5.7.9 Application-specific password required. | APP_PASSWORD_REQUIRED",
                "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. | BASIC_AUTH_DISABLED",
                "[UNAVAILABLE] Temporary authentication failure. | SERVER_UNAVAILABLE",
                "Your account is not enabled for IMAP use. | MAIL_PROTOCOL_DISABLED",
            })
    void theServersWordsNameTheProblem(String reply, ProblemCode expected) {
        assertThat(LoginRefusals.codeOf(reply)).isEqualTo(expected);
    }
}
