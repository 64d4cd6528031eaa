package dev.mailbridge.internal.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.Credentials;
import dev.mailbridge.EmailAddress;
import dev.mailbridge.Endpoint;
import dev.mailbridge.Phase;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.check.Problem;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.internal.net.CertificateVerdict;
import java.io.EOFException;
import java.net.SocketException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The one diagnosis names refusals and I/O failures the same way for every protocol and every caller. */
class DiagnosisTest {
    private static Context context(Protocol protocol, String username) {
        return new Context(
                protocol,
                new Endpoint("mail.example.com", protocol.defaultPort(Security.IMPLICIT_TLS), Security.IMPLICIT_TLS),
                username,
                Credentials.Kind.PASSWORD,
                null,
                EmailAddress.of("dana@example.com"));
    }

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
    void theServersWordsNameARefusedLogin(String reply, ProblemCode expected) {
        assertThat(Diagnosis.refusal(context(Protocol.IMAP, "dana@example.com"), Phase.AUTHENTICATION, reply)
                        .code())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Dovecot, Gmail and Microsoft refusing a POP3 login: only the words about POP make it "disabled".
                "-ERR [AUTH] Authentication failed. | AUTHENTICATION_REJECTED",
                "-ERR Logon failure: unknown user name or bad password. | AUTHENTICATION_REJECTED",
                "-ERR [SYS/PERM] Your account is not enabled for POP access. Please visit your Gmail settings page and"
                        + " enable your account for POP access. | MAIL_PROTOCOL_DISABLED",
                "-ERR Protocol POP3 is disabled for this user. | MAIL_PROTOCOL_DISABLED",
                "-ERR [IN-USE] Mailbox is locked by another POP3 session | TOO_MANY_CONNECTIONS",
            })
    void aRefusedPop3LoginIsAWrongPasswordUnlessTheWordsSayPopIsOff(String reply, ProblemCode expected) {
        assertThat(Diagnosis.refusal(context(Protocol.POP3, "dana@example.com"), Phase.AUTHENTICATION, reply)
                        .code())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aConnectionThatDropsAfterTheLoginIsALossNotAWrongPassword(Protocol protocol) {
        Context ctx = context(protocol, "dana@example.com");
        for (java.io.IOException drop :
                new java.io.IOException[] {new EOFException("EOF on socket"), new SocketException("Connection reset")
                }) {
            Problem problem =
                    Diagnosis.ioFailure(ctx, Phase.AUTHENTICATION, drop, new CertificateVerdict("mail.example.com"));
            assertThat(problem.code()).isEqualTo(ProblemCode.CONNECTION_LOST);
            assertThat(problem.code().isRetryable()).isTrue();
        }
    }

    @Test
    void aHandshakeCutBeforeAnyCertificateIsALossWorthARetry() {
        SSLHandshakeException cut = new SSLHandshakeException("Remote host terminated the handshake");
        cut.initCause(new EOFException("SSL peer shut down incorrectly"));

        Problem problem = Diagnosis.ioFailure(
                context(Protocol.IMAP, "dana@example.com"),
                Phase.TLS_HANDSHAKE,
                cut,
                new CertificateVerdict("mail.example.com"));

        assertThat(problem.code()).isEqualTo(ProblemCode.CONNECTION_LOST);
    }

    @Test
    void aRejectedLoginNamesTheFormSentAndSuggestsTheOtherWithoutAProfile() {
        String full = Diagnosis.refusal(
                        context(Protocol.IMAP, "dana@example.com"), Phase.AUTHENTICATION, "NO [AUTHENTICATIONFAILED]")
                .fix();
        String local = Diagnosis.refusal(
                        context(Protocol.SMTP, "dana"), Phase.AUTHENTICATION, "535 5.7.8 authentication failed")
                .fix();

        assertThat(full)
                .contains("The username sent was dana@example.com (the full address)")
                .contains("try dana with");
        assertThat(local)
                .contains("The username sent was dana (the part before the @)")
                .contains("try dana@example.com with");
    }

    @Test
    void noLoginOnAPortNamesThatPort() {
        Context submission = new Context(
                Protocol.SMTP,
                new Endpoint("mail.example.com", 587, Security.STARTTLS),
                "dana@example.com",
                Credentials.Kind.PASSWORD,
                null,
                null);
        Context relay = submission.at(new Endpoint("mail.example.com", 25, Security.STARTTLS));

        assertThat(Diagnosis.authUnavailable(submission, "no AUTH", true).fix())
                .contains("Port 587")
                .doesNotContain("25");
        assertThat(Diagnosis.authUnavailable(relay, "no AUTH", true).fix()).contains("Port 25 is for server-to-server");
    }
}
