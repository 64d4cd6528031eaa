package dev.mailbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.sending.AutoReplyPolicy;
import dev.mailbridge.sending.AutoReplyResult;
import dev.mailbridge.sending.AutoReplyResult.Suppression;
import dev.mailbridge.sending.Identity;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3834 auto-replies through GreenMail: which messages are never answered, and at most one per sender and period. */
class AutoReplyTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = GreenMailServers.extension().withPerMethodLifecycle(true);

    private static final String CUSTOMER = SendingTest.CUSTOMER;

    @TempDir
    Path checkpoints;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T09:00:00Z"));
    private MailboxClient client;
    private Identity helpdesk;

    @BeforeEach
    void setUp() {
        greenMail.setUser(GreenMailServers.ADDRESS, GreenMailServers.ADDRESS, GreenMailServers.PASSWORD);
        greenMail.setUser(CUSTOMER, CUSTOMER, "customer-pw");
        greenMail.setUser("sam@customer.example", "sam@customer.example", "sam-pw");
        client = clientWith(CheckpointStore.inDirectory(checkpoints));
        helpdesk = Identity.newBuilder(GreenMailServers.account(greenMail).build())
                .displayName("Acme Helpdesk")
                .build();
    }

    private MailboxClient clientWith(CheckpointStore store) {
        return GreenMailServers.client(greenMail).toBuilder()
                .clock(new MovableClock(now))
                .checkpointStore(store)
                .build();
    }

    @AfterEach
    void noConnectionLeftOpen() {
        GreenMailServers.assertNoOpenConnections(greenMail);
    }

    private static RetrievedMessage request(String from, String extraHeaders) throws Exception {
        return SendingTest.parse("From: " + from + "\r\n"
                + "To: " + GreenMailServers.ADDRESS + "\r\n"
                + "Subject: Re: My printer is on fire\r\n"
                + "Message-ID: <req-" + Math.abs(from.hashCode()) + "@customer.example>\r\n"
                + extraHeaders
                + "\r\nHelp!\r\n");
    }

    private AutoReplyResult answer(RetrievedMessage original) {
        return client.autoReply(
                helpdesk, original, AutoReplyPolicy.ofDefaults(), reply -> reply.text("We received your request."));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Auto-Submitted: auto-replied|chris@customer.example|AUTOMATIC_MESSAGE",
                "Auto-Submitted: auto-generated; owner-email=x@y.example|chris@customer.example|AUTOMATIC_MESSAGE",
                "X-Autoreply: yes|chris@customer.example|AUTOMATIC_MESSAGE",
                "X-Auto-Response-Suppress: All|chris@customer.example|AUTOMATIC_MESSAGE",
                "Precedence: bulk|chris@customer.example|BULK_OR_LIST",
                "Precedence: list|chris@customer.example|BULK_OR_LIST",
                "Precedence: junk|chris@customer.example|BULK_OR_LIST",
                "List-Id: <news.customer.example>|chris@customer.example|BULK_OR_LIST",
                "Return-Path: <>|chris@customer.example|NULL_RETURN_PATH",
                "X-Nothing: 1|MAILER-DAEMON@customer.example|SYSTEM_SENDER",
                "X-Nothing: 1|no-reply@customer.example|SYSTEM_SENDER",
                "X-Nothing: 1|noreply@customer.example|SYSTEM_SENDER",
                "X-Nothing: 1|postmaster@customer.example|SYSTEM_SENDER",
                "X-Nothing: 1|dana@mailbridge.test|OWN_ADDRESS",
                "X-Nothing: 1|not an address|NO_RECIPIENT",
            })
    void automaticMailIsNeverAnswered(String header, String from, Suppression expected) throws Exception {
        AutoReplyResult result = answer(request(from, header + "\r\n"));

        assertThat(result.suppressed()).contains(expected);
        assertThat(result.sent()).isFalse();
        assertThat(result.deliveryResult()).isEmpty();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void autoSubmittedNoIsAPersonAndGetsAThreadedMarkedReply() throws Exception {
        RetrievedMessage original = request("Chris <" + CUSTOMER + ">", "Auto-Submitted: no\r\n");

        AutoReplyResult result = answer(original);

        assertThat(result.sent()).isTrue();
        MimeMessage reply = greenMail.getReceivedMessagesForDomain("customer.example")[0];
        assertThat(reply.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(reply.getHeader("In-Reply-To", null))
                .isEqualTo("<" + original.messageId().orElseThrow() + ">");
        assertThat(reply.getSubject()).isEqualTo("Auto: My printer is on fire");
        assertThat(reply.getAllRecipients()).extracting(Object::toString).containsExactly("Chris <" + CUSTOMER + ">");
    }

    @Test
    void oneSenderGetsOneReplyPerPeriodAndOthersAreNotHeldBack() throws Exception {
        assertThat(answer(request(CUSTOMER, "")).sent()).isTrue();

        AutoReplyResult again = answer(request(CUSTOMER, ""));
        assertThat(again.suppressed()).contains(Suppression.RATE_LIMITED);
        assertThat(answer(request("sam@customer.example", "")).sent()).isTrue();

        now.set(now.get().plus(Duration.ofDays(1)).plusSeconds(1));
        assertThat(answer(request(CUSTOMER, "")).sent()).isTrue();
        var imap = greenMail.getManagers().getImapHostManager();
        assertThat(imap.getInbox(greenMail.getUserManager().getUser(CUSTOMER)).getMessageCount())
                .isEqualTo(2);
        assertThat(imap.getInbox(greenMail.getUserManager().getUser("sam@customer.example"))
                        .getMessageCount())
                .isEqualTo(1);
    }

    @Test
    void theLimitHoldsAcrossARestartBecauseItIsInTheCheckpointStore() throws Exception {
        assertThat(answer(request(CUSTOMER, "")).sent()).isTrue();

        client = clientWith(CheckpointStore.inDirectory(checkpoints)); // a new process with the same store
        assertThat(answer(request(CUSTOMER, "")).suppressed()).contains(Suppression.RATE_LIMITED);
    }

    @Test
    void aReplyThatCouldNotBeSentDoesNotUseUpTheSendersTurn() throws Exception {
        Identity wrongPassword = Identity.of(GreenMailServers.account(greenMail)
                .credentials(Credentials.password("wrong"))
                .build());
        AutoReplyResult failed = client.autoReply(
                wrongPassword, request(CUSTOMER, ""), AutoReplyPolicy.ofDefaults(), r -> r.text("Thanks"));
        assertThat(failed.sent()).isFalse();
        assertThat(failed.suppressed()).isEmpty();

        assertThat(answer(request(CUSTOMER, "")).sent()).isTrue();
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(AtomicReference<Instant> now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
