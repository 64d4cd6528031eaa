package dev.mailbridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.TlsTrust;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.sending.DeliveryResult;
import dev.mailbridge.sending.Identity;
import dev.mailbridge.sending.OutgoingEmail;
import dev.mailbridge.sending.SentCopy;
import dev.mailbridge.testing.FakeDns;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The library against the project's lab of real servers (scripts/mail-lab: Dovecot, Postfix, dnsmasq on 127.0.0.1).
 * Runs with {@code -Pinterop}; skipped with a message when the lab is not up.
 */
@Tag("interop")
class LabInteropTest {
    static final Path LAB = Path.of(System.getenv().getOrDefault("MAILBRIDGE_LAB", "/var/lib/mailbridge-lab"));
    static final String HOST = "mail.lab.test";

    static MailboxClient client;

    @BeforeAll
    static void labMustBeUp() {
        Path trust = LAB.resolve("tls/truststore.p12");
        Assumptions.assumeTrue(
                Files.isReadable(trust) && answers(993) && answers(587),
                "the interop lab is not up: run `sudo scripts/mail-lab up` (Debian 12, root) to run these tests");
        client = MailboxClient.newBuilder()
                .tlsTrust(TlsTrust.fromPkcs12(trust, "changeit".toCharArray()))
                .dns(FakeDns.loopback(HOST, "other.lab.test"))
                .connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(20)) // Dovecot delays failed logins by up to 15 s
                .checkpointStore(CheckpointStore.inMemory())
                .build();
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static MailboxAccount.Builder dana() {
        return MailboxAccount.newBuilder()
                .address("dana@lab.test")
                .displayName("Dana")
                .imap(HOST, 993, Security.IMPLICIT_TLS)
                .smtp(HOST, 465, Security.IMPLICIT_TLS)
                .credentials(Credentials.password("Lab-Password-1"));
    }

    @ParameterizedTest(name = "{0} {1} {2} + SMTP {3} {4}")
    @CsvSource({
        "IMAP, 993, IMPLICIT_TLS, 465, IMPLICIT_TLS",
        "IMAP, 143, STARTTLS, 587, STARTTLS",
        "POP3, 995, IMPLICIT_TLS, 587, STARTTLS",
        "POP3, 110, STARTTLS, 465, IMPLICIT_TLS",
    })
    void everyPortAndSecurityPassesTheCheck(
            Protocol protocol, int port, Security security, int smtpPort, Security smtpSecurity) {
        MailboxAccount account = dana().incoming(protocol, HOST, port, security)
                .smtp(HOST, smtpPort, smtpSecurity)
                .build();

        CheckReport report = client.check(account);

        assertThat(report.ok()).as(report.toText()).isTrue();
    }

    @Test
    void aPasswordThatNeedsImapQuotingLogsIn() {
        MailboxAccount quote = dana().address("quote@lab.test")
                .credentials(Credentials.password("p\"a\\ss word"))
                .build();

        CheckReport report = client.check(quote);

        assertThat(report.ok()).as(report.toText()).isTrue();
    }

    @Test
    void theFailuresARealServerProducesAreClassified() {
        CheckReport wrongPassword =
                client.check(dana().credentials(Credentials.password("wrong")).build());
        // TLS on 143/587 and STARTTLS on 993/465 never reach a server: the account refuses them when built.
        CheckReport nameMismatch = client.check(dana().imap("other.lab.test", 993, Security.IMPLICIT_TLS)
                .smtp("other.lab.test", 465, Security.IMPLICIT_TLS)
                .build());

        assertThat(wrongPassword
                        .incomingReport()
                        .orElseThrow()
                        .failure()
                        .orElseThrow()
                        .code())
                .isEqualTo(ProblemCode.AUTHENTICATION_REJECTED);
        assertThat(wrongPassword
                        .outgoingReport()
                        .orElseThrow()
                        .failure()
                        .orElseThrow()
                        .code())
                .isEqualTo(ProblemCode.AUTHENTICATION_REJECTED);
        assertThat(nameMismatch
                        .incomingReport()
                        .orElseThrow()
                        .failure()
                        .orElseThrow()
                        .code())
                .isEqualTo(ProblemCode.CERTIFICATE_NAME_MISMATCH);
    }

    @Test
    void aReplyThroughPostfixThreadsAndLandsInDovecotsSpecialUseSentFolder() {
        MailboxAccount dana = dana().smtp(HOST, 587, Security.STARTTLS).build();
        MailboxAccount chris = dana().address("chris@lab.test")
                .credentials(Credentials.password("Lab-Password-2"))
                .build();
        String token = UUID.randomUUID().toString().substring(0, 8);
        DeliveryResult question = client.send(
                Identity.of(chris),
                OutgoingEmail.newBuilder()
                        .to("dana@lab.test")
                        .subject("Lab question " + token)
                        .text("Hi")
                        .build());
        assertThat(question.status()).as(question.toString()).isEqualTo(DeliveryResult.Status.SENT);
        RetrievedMessage received = newest(dana, "INBOX", "Lab question " + token);

        DeliveryResult reply = client.send(
                Identity.newBuilder(dana).displayName("{agent} at Lab").build(),
                OutgoingEmail.replyTo(received, Identity.of(dana))
                        .placeholder("agent", "Dana")
                        .text("Answer")
                        .build());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(DeliveryResult.Status.SENT);
        assertThat(reply.sentCopy().status()).isEqualTo(SentCopy.Status.APPENDED);
        assertThat(reply.sentCopy().appendedTo()).contains("Sent");
        RetrievedMessage answer = newest(chris, "INBOX", "Re: Lab question " + token);
        assertThat(answer.inReplyTo()).containsExactly(received.messageId().orElseThrow());
        assertThat(newest(dana, "Sent", "Re: Lab question " + token).flags()).contains("\\Seen");
    }

    /** The message with {@code subject} in {@code folder}, read with Mailbridge's own retrieval; waits for LMTP. */
    private static RetrievedMessage newest(MailboxAccount account, String folder, String subject) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<RetrievedMessage> found = new ArrayList<>();
            client.toBuilder()
                    .checkpointStore(CheckpointStore.inMemory())
                    .build()
                    .retrieve(
                            account,
                            Retrieval.newBuilder()
                                    .folders(folder)
                                    .afterHandling(AfterHandling.leave())
                                    .build(),
                            m -> {
                                if (m.subject().equals(subject)) {
                                    found.add(m);
                                }
                            });
            if (!found.isEmpty()) {
                return found.get(found.size() - 1);
            }
            assertThat(System.nanoTime())
                    .as(subject + " never arrived in " + folder)
                    .isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofMillis(200).toNanos()); // Postfix delivers asynchronously
        }
    }
}
