package dev.mailbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.check.CheckReport;
import dev.mailbridge.check.DirectionReport;
import dev.mailbridge.check.PhaseResult;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.testing.FakeDns;
import dev.mailbridge.testing.OpenConnections;
import dev.mailbridge.testing.ScriptedServer;
import dev.mailbridge.testing.Scripts;
import dev.mailbridge.testing.TestTls;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Provider-specific replies no local server produces (Gmail, Microsoft, Apple wordings, connection limits, refused
 * senders), served by a scripted server over TLS. Each test produces its diagnosis for real, over a socket.
 */
class ProviderRepliesTest {
    private final List<ScriptedServer> servers = new ArrayList<>();
    private final MailboxClient client = MailboxClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(1))
            .tlsTrust(TestTls.trust())
            .dns(FakeDns.loopback("localhost"))
            .alternativePorts(protocol -> List.of())
            .build();

    @AfterEach
    void closeServersAndCheckForLeaks() throws Exception {
        List<Integer> ports = servers.stream().map(ScriptedServer::port).toList();
        assertThat(OpenConnections.establishedTo(ports))
                .as("client connections left open")
                .isZero();
        for (ScriptedServer server : servers) {
            server.close();
        }
    }

    private ScriptedServer start(ScriptedServer.Builder builder) {
        ScriptedServer server = builder.start();
        servers.add(server);
        return server;
    }

    private DirectionReport incoming(ScriptedServer imap, MailboxAccount.Builder account) {
        return client.check(account.imap("localhost", imap.port(), Security.IMPLICIT_TLS)
                        .build())
                .incoming();
    }

    private DirectionReport outgoing(ScriptedServer smtp, MailboxAccount.Builder account) {
        return client.check(account.smtp("localhost", smtp.port(), Security.IMPLICIT_TLS)
                        .build())
                .outgoing();
    }

    private static MailboxAccount.Builder account() {
        return MailboxAccount.newBuilder().address("dana@acme.test").credentials(Credentials.password("pw-123456"));
    }

    @Test
    void gmailSmtpAppPasswordRequired() {
        ScriptedServer smtp = start(Scripts.smtp()
                .on(
                        "AUTH PLAIN .*",
                        "534-5.7.9 Application-specific password required. For more information, go to",
                        "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor"));

        DirectionReport report = outgoing(smtp, account());

        assertThat(report.problem().code()).isEqualTo(ProblemCode.APP_PASSWORD_REQUIRED);
        assertThat(report.problem().serverReply()).startsWith("534-5.7.9 Application-specific password required");
        assertThat(report.problem().fix()).contains("Credentials.appPassword");
    }

    @Test
    void gmailImapAppPasswordRequiredUsesTheProfilesPage() {
        ScriptedServer imap = start(Scripts.imap()
                .on(
                        "\\S+ LOGIN .*",
                        "{tag} NO [ALERT] Application-specific password required:"
                                + " https://support.google.com/accounts/answer/185833 (Failure)"));
        ProviderProfile gmail = ProviderProfile.newBuilder("gmail", "Gmail")
                .imap("imap.gmail.com", 993, Security.IMPLICIT_TLS)
                .smtp("smtp.gmail.com", 465, Security.IMPLICIT_TLS)
                .appPasswords(
                        AppPasswordPolicy.WHEN_TWO_STEP_VERIFICATION_IS_ON,
                        URI.create("https://myaccount.google.com/apppasswords"))
                .build();

        DirectionReport report = incoming(imap, account().profile(gmail));

        assertThat(report.problem().code()).isEqualTo(ProblemCode.APP_PASSWORD_REQUIRED);
        assertThat(report.problem().message()).startsWith("Gmail does not accept the account password for IMAP");
        assertThat(report.problem().fix()).contains("at https://myaccount.google.com/apppasswords");
    }

    @Test
    void iCloudPlainRejectionMeansAppPasswordBecauseTheProfileSaysAlways() {
        ScriptedServer imap =
                start(Scripts.imap().on("\\S+ LOGIN .*", "{tag} NO [AUTHENTICATIONFAILED] Authentication failed."));
        ProviderProfile icloud = ProviderProfile.newBuilder("icloud", "iCloud Mail")
                .imap("imap.mail.me.com", 993, Security.IMPLICIT_TLS)
                .smtp("smtp.mail.me.com", 587, Security.STARTTLS)
                .appPasswords(AppPasswordPolicy.ALWAYS, URI.create("https://account.apple.com"))
                .build();

        DirectionReport report = incoming(imap, account().profile(icloud));

        assertThat(report.problem().code()).isEqualTo(ProblemCode.APP_PASSWORD_REQUIRED);
        assertThat(report.problem().fix()).contains("https://account.apple.com");
    }

    @Test
    void appPasswordThatIsRejectedIsNotAskedForAgain() {
        ScriptedServer imap =
                start(Scripts.imap().on("\\S+ LOGIN .*", "{tag} NO [AUTHENTICATIONFAILED] Authentication failed."));

        DirectionReport report = incoming(imap, account().credentials(Credentials.appPassword("abcd efgh ijkl mnop")));

        assertThat(report.problem().code()).isEqualTo(ProblemCode.AUTHENTICATION_REJECTED);
    }

    @Test
    void microsoftBasicAuthDisabledOnSmtp() {
        ScriptedServer smtp = start(Scripts.smtp()
                .on(
                        "AUTH PLAIN .*",
                        "535 5.7.139 Authentication unsuccessful, basic authentication is disabled."
                                + " [BN9PR03CA0123.namprd03.prod.outlook.com]"));

        DirectionReport report = outgoing(smtp, account());

        assertThat(report.problem().code()).isEqualTo(ProblemCode.BASIC_AUTH_DISABLED);
        assertThat(report.problem().fix()).contains("OAuth2");
    }

    @Test
    void microsoftSmtpClientAuthenticationDisabledForTheTenant() {
        ScriptedServer smtp = start(Scripts.smtp()
                .on(
                        "AUTH PLAIN .*",
                        "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for"
                                + " the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information."));

        DirectionReport report = outgoing(smtp, account());

        assertThat(report.problem().code()).isEqualTo(ProblemCode.BASIC_AUTH_DISABLED);
        assertThat(report.problem().message()).contains("authenticated SMTP is disabled");
        assertThat(report.problem().fix()).contains("Authenticated SMTP");
    }

    @Test
    void aLoginThatIsNeverAnsweredPointsAtTheFailedLoginDelayOfServersLikeDovecot() {
        ScriptedServer smtp = start(Scripts.smtp().on("AUTH PLAIN .*"));

        DirectionReport report = outgoing(smtp, account());

        assertThat(report.failure().orElseThrow().code()).isEqualTo(ProblemCode.TIMEOUT);
        assertThat(report.failure().orElseThrow().fix())
                .contains("delay the answer to a failed login by up to 15 s", "check the password first");
    }

    @Test
    void microsoftClientSubmissionBasicAuthNotSupported() {
        ScriptedServer smtp = start(Scripts.smtp()
                .on("AUTH PLAIN .*", "550 5.7.30 Basic authentication is not supported for Client Submission."));

        assertThat(outgoing(smtp, account()).problem().code()).isEqualTo(ProblemCode.BASIC_AUTH_DISABLED);
    }

    @Test
    void gmailImapNotEnabled() {
        ScriptedServer imap = start(Scripts.imap()
                .on(
                        "\\S+ LOGIN .*",
                        "{tag} NO [ALERT] Your account is not enabled for IMAP use. Please visit your"
                                + " Gmail settings page and enable your account for IMAP access. (Failure)"));

        DirectionReport report = incoming(imap, account());

        assertThat(report.problem().code()).isEqualTo(ProblemCode.MAIL_PROTOCOL_DISABLED);
    }

    @Test
    void microsoftImapAuthenticatedButNotConnected() {
        ScriptedServer imap =
                start(Scripts.imap().on("\\S+ EXAMINE .*", "{tag} NO User is authenticated but not connected."));

        assertThat(incoming(imap, account()).problem().code()).isEqualTo(ProblemCode.MAIL_PROTOCOL_DISABLED);
    }

    @Test
    void tooManyConnectionsAtLoginIsNotABadPassword() {
        ScriptedServer imap =
                start(Scripts.imap().on("\\S+ LOGIN .*", "* BYE [ALERT] Too many simultaneous connections. (Failure)"));

        DirectionReport report = incoming(imap, account());

        assertThat(report.problem().code()).isEqualTo(ProblemCode.TOO_MANY_CONNECTIONS);
        assertThat(report.problem().fix()).startsWith("This is not a password problem.");
    }

    @Test
    void tooManyConnectionsAtTheSmtpGreeting() {
        ScriptedServer smtp =
                start(Scripts.smtp().greeting("421 4.7.0 Too many concurrent SMTP connections; try later"));

        assertThat(outgoing(smtp, account()).problem().code()).isEqualTo(ProblemCode.TOO_MANY_CONNECTIONS);
    }

    @Test
    void blockedAtTheGreeting() {
        ScriptedServer smtp = start(Scripts.smtp().greeting("554 5.7.1 Service unavailable; client host blocked"));

        DirectionReport report = outgoing(smtp, account());

        assertThat(report.problem().code()).isEqualTo(ProblemCode.SERVER_UNAVAILABLE);
        assertThat(report.problem().serverReply()).isEqualTo("554 5.7.1 Service unavailable; client host blocked");
    }

    @Test
    void senderRejected() {
        ScriptedServer smtp = start(Scripts.smtp()
                .on("MAIL FROM:.*", "553 5.7.1 <dana@acme.test>: Sender address rejected: not owned by user"));

        DirectionReport report = outgoing(smtp, account());

        assertThat(report.problem().code()).isEqualTo(ProblemCode.SENDER_REJECTED);
        assertThat(report.phases().get(report.phases().size() - 1).phase()).isEqualTo(Phase.SMTP_ENVELOPE);
    }

    @Test
    void smtpWithoutAuthOffersNoLoginMethod() {
        ScriptedServer smtp = start(Scripts.smtp().on("EHLO .*", "250-scripted.example", "250 8BITMIME"));

        DirectionReport report = outgoing(smtp, account());

        assertThat(report.problem().code()).isEqualTo(ProblemCode.AUTH_METHOD_UNAVAILABLE);
        assertThat(report.problem().message()).contains("offers no AUTH");
    }

    @Test
    void connectionDroppedMidConversation() {
        ScriptedServer imap = start(Scripts.imap().onClose("\\S+ LOGIN .*"));

        DirectionReport report = incoming(imap, account());

        assertThat(report.problem().code()).isEqualTo(ProblemCode.CONNECTION_LOST);
        assertThat(report.problem().message()).contains("during AUTHENTICATION");
    }

    @Test
    void silentServerTimesOutAtTheGreeting() {
        ScriptedServer silent = start(ScriptedServer.newBuilder());
        MailboxAccount account =
                account().imap("localhost", silent.port(), Security.STARTTLS).build();

        DirectionReport report = client.check(account).incoming();

        assertThat(report.problem().code()).isEqualTo(ProblemCode.TIMEOUT);
        assertThat(report.problem().message()).startsWith("timed out waiting for the greeting of localhost");
    }

    @Test
    void startTlsUpgradesBeforeTheLoginIsSent() {
        ScriptedServer imap = start(ScriptedServer.newBuilder()
                .greeting("* OK scripted IMAP ready")
                .on("\\S+ CAPABILITY", "* CAPABILITY IMAP4rev1 STARTTLS", "{tag} OK done")
                .onStartTls("\\S+ STARTTLS", "{tag} OK Begin TLS negotiation now")
                .on("\\S+ LOGIN .*", "{tag} OK logged in")
                .on("\\S+ EXAMINE .*", "* 0 EXISTS", "{tag} OK [READ-ONLY] done")
                .onClose("\\S+ LOGOUT", "* BYE", "{tag} OK bye"));
        MailboxAccount account =
                account().imap("localhost", imap.port(), Security.STARTTLS).build();

        CheckReport report = client.check(account);

        assertThat(report.incoming().ok()).as(report.toText()).isTrue();
        assertThat(report.incoming().phases())
                .extracting(PhaseResult::phase)
                .containsSubsequence(Phase.CAPABILITIES, Phase.STARTTLS, Phase.AUTHENTICATION);
        List<String> lines = imap.received();
        assertThat(lines.indexOf(lines.stream()
                        .filter(l -> l.endsWith("STARTTLS"))
                        .findFirst()
                        .orElseThrow()))
                .isLessThan(lines.indexOf(lines.stream()
                        .filter(l -> l.contains("LOGIN"))
                        .findFirst()
                        .orElseThrow()));
    }

    @Test
    void passwordsThatNeedQuotingAreSentAsImapLiterals() {
        ScriptedServer imap = start(Scripts.imap()
                .on("\\S+ LOGIN \\{\\d+\\}", "+ go ahead")
                .on(".* \\{\\d+\\}", "+ go ahead")
                // the password arrives as the bytes of the second literal; mb2 is the LOGIN command's tag
                .on("pässwörd", "mb2 OK LOGIN completed"));
        MailboxAccount.Builder account = account().credentials(Credentials.password("pässwörd"));

        DirectionReport report = incoming(imap, account);

        assertThat(report.ok()).as(String.valueOf(report.problem())).isTrue();
        assertThat(imap.received()).containsSubsequence("mb2 LOGIN {14}", "dana@acme.test {10}", "pässwörd");
    }

    @Test
    void tlsHandshakeThatFailsForAnotherReason() {
        ScriptedServer imap = start(Scripts.imap().requireClientCertificate());

        DirectionReport report = incoming(imap, account());

        // With TLS 1.3 the server's refusal arrives as an alert on the first read, after the client's handshake ended.
        assertThat(report.problem().code()).isEqualTo(ProblemCode.TLS_HANDSHAKE_FAILED);
        assertThat(report.problem().message()).contains("demands a client certificate");
    }

    @Test
    void roundTripThatNeverArrivesIsReportedAtTheDeadline() {
        ScriptedServer smtp = start(Scripts.smtp()
                // Jakarta Mail logs in with AUTH LOGIN: user and password arrive as Base64 lines
                .on("AUTH LOGIN", "334 VXNlcm5hbWU6")
                .on("ZGFuYUBhY21lLnRlc3Q=", "334 UGFzc3dvcmQ6")
                .on("cHctMTIzNDU2", "235 2.7.0 Authentication successful")
                .on("RCPT TO:.*", "250 2.1.5 Ok")
                .on("DATA", "354 End data with <CR><LF>.<CR><LF>")
                .on("\\.", "250 2.0.0 Ok: queued as 4F2A1")
                .otherwise());
        ScriptedServer imap = start(Scripts.imap()
                .on("\\S+ SELECT .*", "* 0 EXISTS", "{tag} OK [READ-WRITE] SELECT completed")
                .on("\\S+ SEARCH .*", "* SEARCH", "{tag} OK SEARCH completed")
                .on("\\S+ (NOOP|CLOSE)", "{tag} OK done"));
        MailboxAccount account = account()
                .imap("localhost", imap.port(), Security.IMPLICIT_TLS)
                .smtp("localhost", smtp.port(), Security.IMPLICIT_TLS)
                .build();

        CheckReport report = client.check(
                account,
                dev.mailbridge.check.CheckOptions.newBuilder()
                        .roundTrip(Duration.ofSeconds(1))
                        .build());

        assertThat(report.roundTripReport()
                        .orElseThrow()
                        .failure()
                        .orElseThrow()
                        .code())
                .as(report.toText())
                .isEqualTo(ProblemCode.MESSAGE_NOT_DELIVERED);
        assertThat(report.roundTrip().steps().get(0).detail())
                .as(smtp.received().toString())
                .startsWith("sent <");
        assertThat(report.roundTrip().problem().message()).endsWith("did not arrive within 1 s");
    }
}
