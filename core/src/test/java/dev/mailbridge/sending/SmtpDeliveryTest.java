package dev.mailbridge.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.Credentials;
import dev.mailbridge.EmailAddress;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.ProviderProfile;
import dev.mailbridge.Security;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.testing.FakeDns;
import dev.mailbridge.testing.OpenConnections;
import dev.mailbridge.testing.ScriptedServer;
import dev.mailbridge.testing.Scripts;
import dev.mailbridge.testing.TestTls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SMTP transaction against scripted replies no local server gives on demand: a refused recipient, a 451, a 550 to
 * the message, a connection that drops after the final dot, STARTTLS on 587, a refused login.
 */
class SmtpDeliveryTest {
    private static final String PASSWORD = "s3cret-Passw0rd!";
    private static final RetryPolicy QUICK_RETRY = RetryPolicy.newBuilder()
            .maxAttempts(3)
            .exponentialBackoff(Duration.ZERO, 1.0, Duration.ZERO)
            .build();
    private static final SendOptions OPTIONS =
            SendOptions.newBuilder().retryPolicy(QUICK_RETRY).build();

    private final MailboxClient client = MailboxClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(2))
            .tlsTrust(TestTls.trust())
            .dns(FakeDns.loopback("localhost"))
            .build();
    private final List<ScriptedServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() throws Exception {
        for (ScriptedServer server : servers) {
            server.close();
        }
    }

    private ScriptedServer start(ScriptedServer.Builder builder) {
        ScriptedServer server = builder.start();
        servers.add(server);
        return server;
    }

    private static Identity identity(ScriptedServer smtp, Security security) {
        MailboxAccount account = MailboxAccount.newBuilder()
                .address("support@acme.example")
                .displayName("Acme Support")
                .smtp("localhost", smtp.port(), security)
                .credentials(Credentials.password(PASSWORD))
                .build();
        return Identity.of(account);
    }

    /** Sends one message over implicit TLS with quick retries. */
    private DeliveryResult sendOne(ScriptedServer smtp, OutgoingEmail email) {
        return client.send(identity(smtp, Security.IMPLICIT_TLS), List.of(email), OPTIONS)
                .results()
                .get(0);
    }

    private static OutgoingEmail email(String subject, String... to) {
        OutgoingEmail.Builder b = OutgoingEmail.newBuilder().subject(subject).text("Hello");
        for (String address : to) {
            b.to(address);
        }
        return b.build();
    }

    @Test
    void startTlsOn587UpgradesBeforeLoginAndSends() {
        ScriptedServer smtp = start(Scripts.smtpStartTls());

        DeliveryResult result = client.send(identity(smtp, Security.STARTTLS), email("Hi", "chris@customer.example"));

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.SENT);
        assertThat(result.serverReply()).contains("250 2.0.0 Ok: queued as SCRIPTED");
        assertThat(smtp.received())
                .filteredOn(line -> !line.startsWith("EHLO"))
                .startsWith("STARTTLS")
                .contains("MAIL FROM:<support@acme.example>", "RCPT TO:<chris@customer.example>", "DATA", ".");
        assertThat(smtp.received().indexOf("STARTTLS")).isLessThan(indexStartingWith(smtp.received(), "AUTH PLAIN"));
        assertThat(smtp.messages()).singleElement().asString().contains("Subject: Hi");
    }

    @Test
    void oneRefusedRecipientIsReportedAndTheBatchGoesOnOverTheSameConnection() {
        ScriptedServer smtp = start(Scripts.smtp()
                .on(
                        "RCPT TO:<nobody@customer.example>",
                        "550 5.1.1 <nobody@customer.example>: Recipient address" + " rejected: User unknown"));

        SendReport report = client.send(
                identity(smtp, Security.IMPLICIT_TLS),
                List.of(
                        email("First", "chris@customer.example", "nobody@customer.example"),
                        email("Second", "chris@customer.example")),
                OPTIONS);

        DeliveryResult first = report.results().get(0);
        assertThat(first.status()).isEqualTo(DeliveryResult.Status.PARTIALLY_SENT);
        assertThat(first.accepted()).containsExactly(EmailAddress.of("chris@customer.example"));
        assertThat(first.rejected()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo(EmailAddress.of("nobody@customer.example"));
            assertThat(r.replyCode()).isEqualTo(550);
            assertThat(r.reply()).contains("User unknown");
            assertThat(r.permanent()).isTrue();
        });
        assertThat(first.problem().orElseThrow().code()).isEqualTo(ProblemCode.RECIPIENT_REJECTED);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(report.results().get(1).status()).isEqualTo(DeliveryResult.Status.SENT);
        assertThat(report.connections()).isEqualTo(1);
        assertThat(smtp.received().stream().filter(l -> l.startsWith("AUTH")).count())
                .isEqualTo(1);
        assertThat(report.toText()).contains("refused nobody@customer.example (550 5.1.1");
    }

    @Test
    void a451ToTheMessageIsRetriedAndThenAccepted() {
        ScriptedServer smtp = start(Scripts.smtp().onFirst("\\.", "451 4.3.0 Temporary lookup failure"));

        DeliveryResult result = sendOne(smtp, email("Retry", "chris@customer.example"));

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.SENT);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.problem()).isEmpty();
        assertThat(smtp.received().stream()
                        .filter(l -> l.startsWith("MAIL FROM"))
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aRetryGoesOnlyToTheRecipientThatWasDeferred() {
        ScriptedServer smtp =
                start(Scripts.smtp().onFirst("RCPT TO:<busy@customer.example>", "452 4.2.2 Mailbox temporarily full"));

        DeliveryResult result = sendOne(smtp, email("Two", "chris@customer.example", "busy@customer.example"));

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.SENT);
        assertThat(result.accepted())
                .containsExactly(EmailAddress.of("chris@customer.example"), EmailAddress.of("busy@customer.example"));
        assertThat(smtp.received())
                .filteredOn(l -> l.startsWith("RCPT"))
                .containsExactly(
                        "RCPT TO:<chris@customer.example>",
                        "RCPT TO:<busy@customer.example>",
                        "RCPT TO:<busy@customer.example>");
        assertThat(smtp.messages()).hasSize(2);
    }

    @Test
    void a550ToTheMessageIsNotRetried() {
        ScriptedServer smtp =
                start(Scripts.smtp().on("\\.", "550 5.7.1 Message rejected as spam by Content Filtering"));

        DeliveryResult result = sendOne(smtp, email("Spam?", "chris@customer.example"));

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.NOT_SENT);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.problem().orElseThrow().code()).isEqualTo(ProblemCode.MESSAGE_REJECTED);
        assertThat(result.problem().orElseThrow().serverReply()).contains("Content Filtering");
        assertThat(smtp.messages()).hasSize(1);
    }

    @Test
    void temporaryFailuresThatOutlastTheRetriesAreReportedAsTemporary() {
        ScriptedServer smtp = start(Scripts.smtp().on("RCPT TO:.*", "421 4.7.0 Try again later"));

        DeliveryResult result = sendOne(smtp, email("Later", "chris@customer.example"));

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.NOT_SENT);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.rejected())
                .singleElement()
                .satisfies(r -> assertThat(r.permanent()).isFalse());
        assertThat(result.problem().orElseThrow().code()).isEqualTo(ProblemCode.TEMPORARY_FAILURE);
        assertThat(result.problem().orElseThrow().code().isRetryable()).isTrue();
    }

    @Test
    void aConnectionLostAfterTheFinalDotIsUncertainAndNeverResent() throws Exception {
        ScriptedServer smtp = start(Scripts.smtp().onClose("\\."));

        SendReport report = client.send(
                identity(smtp, Security.IMPLICIT_TLS),
                List.of(email("Maybe", "chris@customer.example"), email("Next", "chris@customer.example")),
                OPTIONS);

        DeliveryResult maybe = report.results().get(0);
        assertThat(maybe.status()).isEqualTo(DeliveryResult.Status.UNCERTAIN);
        assertThat(maybe.attempts()).isEqualTo(1);
        assertThat(maybe.problem().orElseThrow().code()).isEqualTo(ProblemCode.DELIVERY_UNCERTAIN);
        assertThat(maybe.sentCopy().status()).isEqualTo(SentCopy.Status.NOT_SENT);
        // The next message reconnects (and is itself cut off after its dot, also once).
        assertThat(report.connections()).isEqualTo(2);
        assertThat(smtp.messages()).hasSize(2);
        assertThat(OpenConnections.establishedTo(List.of(smtp.port()))).isZero();
    }

    @Test
    void aRefusedLoginStopsTheBatchAfterOneAttemptAndNeverShowsThePassword() {
        ScriptedServer smtp =
                start(Scripts.smtp().on("AUTH PLAIN .*", "535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6"));

        SendReport report = client.send(
                identity(smtp, Security.IMPLICIT_TLS),
                List.of(email("One", "chris@customer.example"), email("Two", "chris@customer.example")),
                OPTIONS);

        assertThat(report.results()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(DeliveryResult.Status.NOT_SENT);
            assertThat(r.problem().orElseThrow().code()).isEqualTo(ProblemCode.AUTHENTICATION_REJECTED);
        });
        assertThat(smtp.received().stream().filter(l -> l.startsWith("AUTH")).count())
                .isEqualTo(1);
        assertThat(report.toText()).doesNotContain(PASSWORD);
        assertThat(report.results().get(0).toString()).doesNotContain(PASSWORD);
    }

    @Test
    void pipeliningSendsTheEnvelopeInOneWriteAndReadsEveryReply() {
        ScriptedServer smtp = start(Scripts.smtp()
                .on("EHLO .*", "250-scripted.example", "250-PIPELINING", "250-SIZE 1000000", "250 AUTH PLAIN")
                .on("RCPT TO:<nobody@customer.example>", "550 5.1.1 no such user"));

        DeliveryResult result = sendOne(smtp, email("Piped", "chris@customer.example", "nobody@customer.example"));

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.PARTIALLY_SENT);
        assertThat(smtp.received())
                .anySatisfy(l -> assertThat(l).matches("MAIL FROM:<support@acme.example> SIZE=\\d+"));
    }

    @Test
    void aMessageOverTheServersSizeLimitIsNotTransmitted() {
        ScriptedServer smtp =
                start(Scripts.smtp().on("EHLO .*", "250-scripted.example", "250-SIZE 2000", "250 AUTH PLAIN"));
        OutgoingEmail big = OutgoingEmail.newBuilder()
                .to("chris@customer.example")
                .text("x".repeat(5000))
                .build();

        DeliveryResult result = client.send(identity(smtp, Security.IMPLICIT_TLS), big);

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.NOT_SENT);
        assertThat(result.problem().orElseThrow().code()).isEqualTo(ProblemCode.MESSAGE_TOO_LARGE);
        assertThat(smtp.received()).noneMatch(l -> l.startsWith("MAIL FROM"));
    }

    @Test
    void theProvidersDailyAndPerMessageLimitsAreReportedBeforeAnythingIsSent() {
        ScriptedServer smtp = start(Scripts.smtp());
        ProviderProfile strict = ProviderProfile.newBuilder("strict", "Strict Mail")
                .imap("localhost", 993, Security.IMPLICIT_TLS)
                .smtp("localhost", smtp.port(), Security.IMPLICIT_TLS)
                .sendingLimits(2, 2)
                .build();
        MailboxAccount account = MailboxAccount.newBuilder()
                .address("support@acme.example")
                .profile(strict)
                .credentials(Credentials.password(PASSWORD))
                .build();

        SendReport report = client.send(
                Identity.of(account),
                List.of(
                        email("Too many", "a@customer.example", "b@customer.example", "c@customer.example"),
                        email("One", "a@customer.example"),
                        email("Two", "a@customer.example"),
                        email("Three", "a@customer.example")),
                SendOptions.newBuilder().copyToSent(CopyToSent.NEVER).build());

        assertThat(report.results())
                .extracting(DeliveryResult::status)
                .containsExactly(
                        DeliveryResult.Status.NOT_SENT,
                        DeliveryResult.Status.SENT,
                        DeliveryResult.Status.SENT,
                        DeliveryResult.Status.NOT_SENT);
        assertThat(report.results().get(0).problem().orElseThrow().message())
                .contains("3 recipients; Strict Mail accepts at most 2");
        assertThat(report.results().get(3).problem().orElseThrow().code()).isEqualTo(ProblemCode.SENDING_LIMIT_REACHED);
        assertThat(report.results().get(3).problem().orElseThrow().fix()).contains("Send it after 20");
        assertThat(smtp.received().stream()
                        .filter(l -> l.startsWith("MAIL FROM"))
                        .count())
                .isEqualTo(2);
    }

    private static int indexStartingWith(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
