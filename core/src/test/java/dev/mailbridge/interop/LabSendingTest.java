package dev.mailbridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.Security;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.sending.DeliveryResult;
import dev.mailbridge.sending.Identity;
import dev.mailbridge.sending.OutgoingEmail;
import dev.mailbridge.sending.SentCopy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Sending through the lab's Postfix (587 STARTTLS, 465 TLS), delivered by LMTP to Dovecot and read back. */
@Tag("interop")
class LabSendingTest {
    static MailboxClient client;

    @BeforeAll
    static void labMustBeUp() {
        Lab.mustBeUp();
        client = Lab.client().build();
    }

    @Test
    void aReplyThroughPostfixThreadsAndLandsInDovecotsSpecialUseSentFolder() {
        MailboxAccount dana = Lab.dana().smtp(Lab.HOST, 587, Security.STARTTLS).build();
        MailboxAccount chris = Lab.dana()
                .address("chris@lab.test")
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
        assertThat(answer.from().get(0).displayName()).isEqualTo("Dana at Lab");
        assertThat(newest(dana, "Sent", "Re: Lab question " + token).flags()).contains("\\Seen");
    }

    @Test
    void postfixRefusesAnUnknownRecipientAndTheOthersStillGetTheMessage() {
        MailboxAccount dana = Lab.dana().build();
        String token = UUID.randomUUID().toString().substring(0, 8);

        DeliveryResult result = client.send(
                Identity.of(dana),
                OutgoingEmail.newBuilder()
                        .to("chris@lab.test")
                        .to("nobody@lab.test")
                        .subject("Partly deliverable " + token)
                        .text("Hi")
                        .build());

        assertThat(result.status()).as(result.toString()).isEqualTo(DeliveryResult.Status.PARTIALLY_SENT);
        assertThat(result.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.address().toString()).isEqualTo("nobody@lab.test");
            assertThat(rejection.replyCode()).isEqualTo(550);
            assertThat(rejection.reply()).contains("5.1.1");
            assertThat(rejection.permanent()).isTrue();
        });
        MailboxAccount chris = Lab.dana()
                .address("chris@lab.test")
                .credentials(Credentials.password("Lab-Password-2"))
                .build();
        assertThat(newest(chris, "INBOX", "Partly deliverable " + token).subject())
                .isEqualTo("Partly deliverable " + token);
    }

    /**
     * Sending resumes TLS sessions with the same server to save the handshake; a session made with mail.lab.test must
     * never carry a connection to another name past the certificate check.
     */
    @Test
    void aResumedSessionNeverSkipsTheNameCheckForAnotherHost() {
        MailboxAccount dana = Lab.dana().build();
        OutgoingEmail email = OutgoingEmail.newBuilder()
                .to("chris@lab.test")
                .subject("Resumption")
                .text("Hi")
                .build();
        for (int i = 0; i < 3; i++) {
            assertThat(client.send(Identity.of(dana), email).status()).isEqualTo(DeliveryResult.Status.SENT);
        }

        DeliveryResult other = client.send(
                Identity.of(Lab.dana()
                        .smtp(Lab.OTHER_HOST, 465, Security.IMPLICIT_TLS)
                        .build()),
                email);

        assertThat(other.status()).isEqualTo(DeliveryResult.Status.NOT_SENT);
        assertThat(other.problem().orElseThrow().code()).isEqualTo(ProblemCode.CERTIFICATE_NAME_MISMATCH);
    }

    /** The message with {@code subject} in {@code folder}, read with Mailbridge's own retrieval; waits for LMTP. */
    static RetrievedMessage newest(MailboxAccount account, String folder, String subject) {
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
                                    .order(Retrieval.Order.NEWEST_FIRST)
                                    .maxPerFolder(20)
                                    .afterHandling(AfterHandling.leave())
                                    .build(),
                            m -> {
                                if (m.subject().equals(subject)) {
                                    found.add(m);
                                }
                            });
            if (!found.isEmpty()) {
                return found.get(0);
            }
            assertThat(System.nanoTime())
                    .as(subject + " never arrived in " + folder)
                    .isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // Postfix hands mail to LMTP asynchronously
        }
    }
}
