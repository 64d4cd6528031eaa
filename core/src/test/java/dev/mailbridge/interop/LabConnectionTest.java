package dev.mailbridge.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.MailbridgeException;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.check.DirectionReport;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.retrieval.Retrieval;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The connection check against the lab's Dovecot and Postfix: every port and security, and real failures. */
@Tag("interop")
class LabConnectionTest {
    static MailboxClient client;

    @BeforeAll
    static void labMustBeUp() {
        Lab.mustBeUp();
        client = Lab.client().build();
    }

    @ParameterizedTest(name = "{0} {1} {2} + SMTP {3} {4}")
    @CsvSource({
        "IMAP, 993, IMPLICIT_TLS, 465, IMPLICIT_TLS",
        "IMAP, 143, STARTTLS, 587, STARTTLS",
        "POP3, 995, IMPLICIT_TLS, 587, STARTTLS",
        "POP3, 110, STARTTLS, 465, IMPLICIT_TLS",
        "IMAP, 10993, IMPLICIT_TLS, 10465, IMPLICIT_TLS",
        "IMAP, 10143, STARTTLS, 10587, STARTTLS",
    })
    void everyPortAndSecurityPassesTheCheck(
            Protocol protocol, int port, Security security, int smtpPort, Security smtpSecurity) {
        MailboxAccount account = Lab.dana()
                .incoming(protocol, Lab.HOST, port, security)
                .smtp(Lab.HOST, smtpPort, smtpSecurity)
                .build();

        CheckReport report = client.check(account);

        assertThat(report.ok()).as(report.toText()).isTrue();
    }

    @Test
    void aPasswordThatNeedsImapQuotingLogsIn() {
        MailboxAccount quote = Lab.dana()
                .address("quote@lab.test")
                .credentials(Credentials.password("p\"a\\ss word"))
                .build();

        CheckReport report = client.check(quote);

        assertThat(report.ok()).as(report.toText()).isTrue();
    }

    @Test
    void aWrongPasswordIsRejectedByDovecotAndPostfix() {
        CheckReport report = client.check(
                Lab.dana().credentials(Credentials.password("wrong")).build());

        assertThat(code(report.incomingReport().orElseThrow())).isEqualTo(ProblemCode.AUTHENTICATION_REJECTED);
        assertThat(code(report.outgoingReport().orElseThrow())).isEqualTo(ProblemCode.AUTHENTICATION_REJECTED);
        assertThat(report.toText()).doesNotContain("wrong");
    }

    /**
     * On 143, 993, 587 and 465 Mailbridge refuses a TLS mode that contradicts the port before connecting; on the lab's
     * non-standard ports the mismatch reaches a real server, and what the server does must still be named.
     */
    @ParameterizedTest(name = "{0} {2} on port {1} -> {3}")
    @CsvSource({
        "IMAP, 10143, IMPLICIT_TLS, IMPLICIT_TLS_ON_PLAINTEXT_PORT",
        "IMAP, 10993, STARTTLS, PLAINTEXT_ON_IMPLICIT_TLS_PORT",
        "SMTP, 10587, IMPLICIT_TLS, IMPLICIT_TLS_ON_PLAINTEXT_PORT",
        "SMTP, 10465, STARTTLS, PLAINTEXT_ON_IMPLICIT_TLS_PORT",
        "IMAP, 10110, IMPLICIT_TLS, CONNECTION_REFUSED",
    })
    void aWrongTlsModeOrPortIsNamed(Protocol protocol, int port, Security security, ProblemCode expected) {
        MailboxAccount.Builder account = Lab.dana();
        if (protocol == Protocol.SMTP) {
            account.smtp(Lab.HOST, port, security);
        } else {
            account.imap(Lab.HOST, port, security);
        }
        MailboxClient quick =
                client.toBuilder().readTimeout(Duration.ofSeconds(3)).build();

        CheckReport report = quick.check(account.build());

        DirectionReport server = protocol == Protocol.SMTP
                ? report.outgoingReport().orElseThrow()
                : report.incomingReport().orElseThrow();
        assertThat(code(server)).as(report.toText()).isEqualTo(expected);
    }

    @Test
    void imapPointedAtTheSmtpPortIsNamed() {
        MailboxClient quick =
                client.toBuilder().readTimeout(Duration.ofSeconds(3)).build();

        CheckReport report = quick.check(
                Lab.dana().imap(Lab.HOST, 10465, Security.IMPLICIT_TLS).build());

        assertThat(code(report.incomingReport().orElseThrow()))
                .as(report.toText())
                .isEqualTo(ProblemCode.PROTOCOL_ERROR);
        assertThat(report.toText()).contains("SMTP");
    }

    @Test
    void aCertificateForAnotherNameIsAMismatch() {
        CheckReport report = client.check(Lab.dana()
                .imap(Lab.OTHER_HOST, 993, Security.IMPLICIT_TLS)
                .smtp(Lab.OTHER_HOST, 587, Security.STARTTLS)
                .build());

        assertThat(code(report.incomingReport().orElseThrow())).isEqualTo(ProblemCode.CERTIFICATE_NAME_MISMATCH);
        assertThat(code(report.outgoingReport().orElseThrow())).isEqualTo(ProblemCode.CERTIFICATE_NAME_MISMATCH);
    }

    @Test
    void theLabsPrivateCaIsUntrustedByDefault() {
        MailboxClient withJdkTrust = MailboxClient.newBuilder()
                .dns(client.dns())
                .connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(5))
                .build();

        CheckReport report = withJdkTrust.check(
                Lab.dana().smtp(Lab.HOST, 587, Security.STARTTLS).build());

        assertThat(code(report.incomingReport().orElseThrow())).isEqualTo(ProblemCode.CERTIFICATE_UNTRUSTED);
        assertThat(code(report.outgoingReport().orElseThrow())).isEqualTo(ProblemCode.CERTIFICATE_UNTRUSTED);
    }

    /** Dovecot refuses the 21st login from one user and address ({@code mail_max_userip_connections = 20}). */
    @Test
    void dovecotsConnectionLimitIsNamed() throws Exception {
        List<SSLSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                held.add(Lab.loggedInImapSocket("dana@lab.test", "Lab-Password-1"));
            }

            CheckReport report = client.check(Lab.dana().build());

            assertThat(code(report.incomingReport().orElseThrow()))
                    .as(report.toText())
                    .isEqualTo(ProblemCode.TOO_MANY_CONNECTIONS);
            assertThat(report.outgoingReport().orElseThrow().ok()).isTrue();
            assertThatThrownBy(() -> client.retrieve(
                            Lab.dana().build(), Retrieval.newBuilder().build(), m -> {}))
                    .isInstanceOfSatisfying(MailbridgeException.class, e -> {
                        assertThat(e.code()).isEqualTo(ProblemCode.TOO_MANY_CONNECTIONS);
                        assertThat(e.isRetryable()).isTrue();
                    });
        } finally {
            for (SSLSocket socket : held) {
                socket.close();
            }
        }
    }

    private static ProblemCode code(DirectionReport server) {
        return server.failure()
                .orElseThrow(() -> new AssertionError("no failure in " + server))
                .code();
    }
}
