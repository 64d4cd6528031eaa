package dev.mailbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.mailbridge.check.CheckOptions;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.check.DirectionReport;
import dev.mailbridge.check.PhaseResult;
import dev.mailbridge.check.ProblemCode;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connection check against GreenMail over TLS: every diagnosis a local server can produce for real. */
class ConnectionCheckTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = GreenMailServers.extension();

    private MailboxClient client;

    @BeforeEach
    void setUp() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        greenMail.setUser(GreenMailServers.ADDRESS, GreenMailServers.ADDRESS, GreenMailServers.PASSWORD);
        client = GreenMailServers.client(greenMail);
    }

    @AfterEach
    void noConnectionLeftOpen() {
        GreenMailServers.assertNoOpenConnections(greenMail);
    }

    private static ProblemCode incomingCode(CheckReport report) {
        return report.incomingReport().orElseThrow().failure().orElseThrow().code();
    }

    @Test
    void imapsAndSmtpsPassEveryPhase() {
        CheckReport report = client.check(GreenMailServers.account(greenMail).build());

        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(report.incoming().phases())
                .extracting(PhaseResult::phase)
                .containsExactly(
                        Phase.DNS,
                        Phase.TCP_CONNECT,
                        Phase.TLS_HANDSHAKE,
                        Phase.GREETING,
                        Phase.CAPABILITIES,
                        Phase.AUTHENTICATION,
                        Phase.MAILBOX_ACCESS);
        assertThat(report.outgoing().phases())
                .extracting(PhaseResult::phase)
                .containsExactly(
                        Phase.DNS,
                        Phase.TCP_CONNECT,
                        Phase.TLS_HANDSHAKE,
                        Phase.GREETING,
                        Phase.CAPABILITIES,
                        Phase.AUTHENTICATION,
                        Phase.SMTP_ENVELOPE);
        assertThat(report.incoming().phases().get(2).detail())
                .startsWith("TLSv1.")
                .contains("mail.mailbridge.test");
        assertThat(report.toText()).contains("Result: OK").contains("Incoming: IMAP mail.mailbridge.test:");
    }

    @Test
    void pop3sPasses() {
        MailboxAccount account = GreenMailServers.account(greenMail)
                .pop3("localhost", greenMail.getPop3s().getPort(), Security.IMPLICIT_TLS)
                .build();

        CheckReport report = client.check(account);

        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(report.incoming().protocol()).isEqualTo(Protocol.POP3);
        assertThat(report.incoming()
                        .phases()
                        .get(report.incoming().phases().size() - 1)
                        .detail())
                .isEqualTo("maildrop has 0 messages");
    }

    @Test
    void wrongPasswordIsRejectedWithTheServersWordsAndNoSecret() {
        MailboxAccount account = GreenMailServers.account(greenMail)
                .credentials(Credentials.password("Wrong-Secret-99"))
                .build();

        CheckReport report = client.check(account);

        assertThat(incomingCode(report)).isEqualTo(ProblemCode.AUTHENTICATION_REJECTED);
        assertThat(report.outgoing().failure().orElseThrow().code()).isEqualTo(ProblemCode.AUTHENTICATION_REJECTED);
        assertThat(report.incoming().problem().serverReply()).contains("NO");
        assertThat(report.incoming().problem().fix()).contains("The username sent was " + GreenMailServers.ADDRESS);
        assertThat(report.toText()).doesNotContain("Wrong-Secret-99");
        assertThat(report.toJson()).doesNotContain("Wrong-Secret-99").contains("\"code\":\"AUTHENTICATION_REJECTED\"");
        assertThat(report.incoming().alternatives())
                .as("a password problem is not a port problem")
                .isEmpty();
    }

    @Test
    void missingFolderListsTheFoldersThatExist() {
        CheckReport report = client.check(
                GreenMailServers.account(greenMail).build(),
                CheckOptions.newBuilder().folder("Tickets").build());

        assertThat(incomingCode(report)).isEqualTo(ProblemCode.FOLDER_NOT_FOUND);
        assertThat(report.incoming().problem().serverReply()).contains("existing folders: INBOX");
        assertThat(report.outgoing().ok()).isTrue();
    }

    @Test
    void unknownHost() {
        MailboxAccount account = GreenMailServers.account(greenMail)
                .imap("imap.nosuch.mailbridge.test", 993, Security.IMPLICIT_TLS)
                .build();

        CheckReport report = client.check(account);

        assertThat(incomingCode(report)).isEqualTo(ProblemCode.UNKNOWN_HOST);
        assertThat(report.incoming().problem().message())
                .isEqualTo("imap.nosuch.mailbridge.test does not resolve in DNS");
        assertThat(report.incoming().phases()).extracting(PhaseResult::phase).containsExactly(Phase.DNS);
    }

    @Test
    void refusedPortProbesTheStandardOnesAndNamesTheOneThatAnswered() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MailboxAccount account = GreenMailServers.account(greenMail)
                .imap("localhost", closedPort, Security.IMPLICIT_TLS)
                .build();

        DirectionReport incoming = client.check(account).incoming();

        assertThat(incoming.problem().code()).isEqualTo(ProblemCode.CONNECTION_REFUSED);
        assertThat(incoming.workingAlternatives())
                .extracting(a -> a.endpoint().port())
                .contains(greenMail.getImaps().getPort());
        assertThat(incoming.problem().fix())
                .startsWith("Use port " + greenMail.getImaps().getPort()
                        + " with IMPLICIT_TLS: it answered and offers the login this account needs.");
    }

    @Test
    void implicitTlsSpokenToAPlaintextPort() {
        MailboxAccount account = GreenMailServers.account(greenMail)
                .imap("localhost", greenMail.getImap().getPort(), Security.IMPLICIT_TLS)
                .build();

        DirectionReport incoming = client.check(account).incoming();

        assertThat(incoming.problem().code()).isEqualTo(ProblemCode.IMPLICIT_TLS_ON_PLAINTEXT_PORT);
        assertThat(incoming.phases().get(incoming.phases().size() - 1).phase()).isEqualTo(Phase.TLS_HANDSHAKE);
        assertThat(incoming.problem().fix())
                .startsWith("Use port " + greenMail.getImaps().getPort()
                        + " with IMPLICIT_TLS: it answered and offers the login this account needs.");
    }

    @Test
    void startTlsSpokenToAnImplicitTlsPort() {
        MailboxAccount account = GreenMailServers.account(greenMail)
                .imap("localhost", greenMail.getImaps().getPort(), Security.STARTTLS)
                .build();

        DirectionReport incoming = client.check(account).incoming();

        assertThat(incoming.problem().code()).isEqualTo(ProblemCode.PLAINTEXT_ON_IMPLICIT_TLS_PORT);
        assertThat(incoming.problem().fix()).contains("IMPLICIT_TLS");
        assertThat(incoming.workingAlternatives())
                .anySatisfy(a -> assertThat(a.endpoint().security()).isEqualTo(Security.IMPLICIT_TLS));
    }

    @Test
    void startTlsRequiredButNotOfferedNeverFallsBackToPlaintext() {
        MailboxAccount account = GreenMailServers.account(greenMail)
                .imap("localhost", greenMail.getImap().getPort(), Security.STARTTLS)
                .build();

        DirectionReport incoming = client.check(account).incoming();

        assertThat(incoming.problem().code()).isEqualTo(ProblemCode.STARTTLS_NOT_OFFERED);
        assertThat(incoming.phases()).extracting(PhaseResult::phase).doesNotContain(Phase.AUTHENTICATION);
    }

    @Test
    void untrustedCertificateNamesItsIssuer() {
        MailboxClient systemTrust =
                client.toBuilder().tlsTrust(TlsTrust.system()).build();

        CheckReport report =
                systemTrust.check(GreenMailServers.account(greenMail).build());

        assertThat(incomingCode(report)).isEqualTo(ProblemCode.CERTIFICATE_UNTRUSTED);
        assertThat(report.incoming().problem().message()).contains("issued by CN=Mailbridge Test CA");
        assertThat(report.outgoing().problem().code()).isEqualTo(ProblemCode.CERTIFICATE_UNTRUSTED);
    }

    @Test
    void certificateForOtherNamesSaysWhichNamesItCovers() {
        MailboxAccount account = GreenMailServers.account(greenMail)
                .imap("other.mailbridge.test", greenMail.getImaps().getPort(), Security.IMPLICIT_TLS)
                .build();

        DirectionReport incoming = client.check(account).incoming();

        assertThat(incoming.problem().code()).isEqualTo(ProblemCode.CERTIFICATE_NAME_MISMATCH);
        assertThat(incoming.problem().message())
                .isEqualTo("the certificate of other.mailbridge.test is for localhost, mail.mailbridge.test,"
                        + " 127.0.0.1, not for other.mailbridge.test");
        // Only names a user can type: the certificate's IP entry is no advice for someone who gave a name.
        assertThat(incoming.problem().fix())
                .contains("localhost or mail.mailbridge.test.")
                .doesNotContain("127.0.0.1");
    }

    @Test
    void oauth2TokenIsAskedForAgainAtEveryConnection() {
        AtomicInteger asked = new AtomicInteger();
        // GreenMail accepts the user's password as the XOAUTH2 token.
        MailboxAccount account = GreenMailServers.account(greenMail)
                .credentials(Credentials.oauth2(() -> {
                    asked.incrementAndGet();
                    return GreenMailServers.PASSWORD;
                }))
                .build();

        CheckReport first = client.check(account);
        CheckReport second = client.check(account);

        assertThat(first.ok()).as(first.toText()).isTrue();
        assertThat(second.ok()).isTrue();
        assertThat(asked).hasValue(4);
        assertThat(first.incoming().phases().get(5).detail()).endsWith("with OAUTH2");
    }

    @Test
    void failingTokenSourceIsReportedWithoutItsMessage() {
        MailboxAccount account = GreenMailServers.account(greenMail)
                .credentials(Credentials.oauth2(() -> {
                    throw new IllegalStateException("refresh token rt-SECRET-123 revoked");
                }))
                .build();

        CheckReport report = client.check(account);

        assertThat(incomingCode(report)).isEqualTo(ProblemCode.TOKEN_UNAVAILABLE);
        assertThat(report.toText()).doesNotContain("rt-SECRET-123").contains("IllegalStateException");
    }

    @Test
    void imapSpokenToAnSmtpPortIsAProtocolMismatch() {
        MailboxAccount account = GreenMailServers.account(greenMail)
                .imap("localhost", greenMail.getSmtp().getPort(), Security.NONE)
                .allowUnencryptedConnections()
                .allowCredentialsOverUnencryptedConnections()
                .build();

        DirectionReport incoming = client.check(account).incoming();

        assertThat(incoming.problem().code()).isEqualTo(ProblemCode.PROTOCOL_ERROR);
        assertThat(incoming.problem().message()).endsWith("answers like a SMTP server, not IMAP");
    }

    @Test
    void plaintextWorksOnlyAfterBothOptIns() {
        MailboxAccount account = GreenMailServers.account(greenMail)
                .imap("localhost", greenMail.getImap().getPort(), Security.NONE)
                .smtp("localhost", greenMail.getSmtp().getPort(), Security.NONE)
                .allowUnencryptedConnections()
                .allowCredentialsOverUnencryptedConnections()
                .build();

        CheckReport report = client.check(account);

        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(report.incoming().phases()).extracting(PhaseResult::phase).doesNotContain(Phase.TLS_HANDSHAKE);
    }

    @Test
    void roundTripSendsToItselfAndRemovesTheTestMessage() {
        CheckReport report = client.check(
                GreenMailServers.account(greenMail).build(),
                CheckOptions.newBuilder().roundTrip(Duration.ofSeconds(20)).build());

        assertThat(report.roundTripReport().orElseThrow().delivered())
                .as(report.toText())
                .isTrue();
        assertThat(report.roundTrip().steps()).hasSize(2);
        assertThat(report.roundTrip().steps().get(1).detail()).endsWith("removed");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void roundTripCanLeaveTheTestMessageMarkedAutoSubmitted() throws Exception {
        CheckReport report = client.check(
                GreenMailServers.account(greenMail).build(),
                CheckOptions.newBuilder()
                        .roundTrip(Duration.ofSeconds(20))
                        .removeTestMessage(false)
                        .build());

        assertThat(report.ok()).as(report.toText()).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(received[0].getSubject()).startsWith("Mailbridge connection check ");
    }

    @Test
    void throwIfFailedThrowsByCategory() {
        MailboxAccount account = GreenMailServers.account(greenMail)
                .credentials(Credentials.password("nope-nope"))
                .build();
        CheckReport report = client.check(account);

        assertThatThrownBy(report::throwIfFailed)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("IMAP mail.mailbridge.test:"
                        + greenMail.getImaps().getPort() + " (IMPLICIT_TLS) failed at AUTHENTICATION:")
                .satisfies(e -> {
                    AuthenticationException auth = (AuthenticationException) e;
                    assertThat(auth.code()).isEqualTo(ProblemCode.AUTHENTICATION_REJECTED);
                    assertThat(auth.phase()).isEqualTo(Phase.AUTHENTICATION);
                    assertThat(auth.isRetryable()).isFalse();
                });
        client.check(GreenMailServers.account(greenMail).build()).throwIfFailed();
    }

    @Test
    void eventListenerSeesPairedStartAndEndAndEveryPhase() {
        java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        MailboxClient observed = client.toBuilder()
                .eventListener(new EventListener() {
                    @Override
                    public void checkStarted(MailboxAccount account) {
                        events.add("start");
                    }

                    @Override
                    public void phaseEnded(MailboxAccount account, DirectionReport.Direction d, PhaseResult phase) {
                        events.add(d + ":" + phase.phase());
                    }

                    @Override
                    public void checkEnded(MailboxAccount account, CheckReport report) {
                        events.add("end");
                    }
                })
                .build();

        observed.check(GreenMailServers.account(greenMail).build());

        assertThat(events.get(0)).isEqualTo("start");
        assertThat(events.get(events.size() - 1)).isEqualTo("end");
        assertThat(events)
                .contains("INCOMING:MAILBOX_ACCESS", "OUTGOING:SMTP_ENVELOPE")
                .hasSize(16);
    }
}
