package dev.mailbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.retrieval.FetchReport;
import dev.mailbridge.retrieval.HeaderScan;
import dev.mailbridge.retrieval.MessageRef;
import dev.mailbridge.retrieval.MessageSummary;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.retrieval.ScanCursor;
import dev.mailbridge.retrieval.ScanPage;
import dev.mailbridge.testing.Mail;
import dev.mailbridge.testing.TcpProxy;
import jakarta.mail.Flags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Header-first scans and fetches by reference against GreenMail over TLS. */
class ScanTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = GreenMailServers.extension().withPerMethodLifecycle(true);

    /** Real-world shapes from the corpus: attachments, a Shift_JIS reply with References, a broken address, KOI8-R. */
    private static final List<String> CORPUS =
            List.of("attachments.eml", "shiftjis-reply.eml", "bad-address.eml", "koi8r.eml", "latin1.eml");

    private GreenMailUser user;
    private MailboxClient client;
    private MailboxAccount account;

    @BeforeEach
    void setUp() {
        user = greenMail.setUser(GreenMailServers.ADDRESS, GreenMailServers.ADDRESS, GreenMailServers.PASSWORD);
        client = GreenMailServers.client(greenMail);
        account = GreenMailServers.account(greenMail).build();
    }

    @AfterEach
    void noConnectionLeftOpen() {
        GreenMailServers.assertNoOpenConnections(greenMail);
    }

    private MailFolder inbox() throws Exception {
        return greenMail.getManagers().getImapHostManager().getInbox(user);
    }

    private void deliver(int count, String prefix) throws Exception {
        for (int i = 1; i <= count; i++) {
            inbox().appendMessage(Mail.simple(prefix + " " + i, "Body " + i), new Flags(), new Date());
        }
    }

    @Test
    void pagesListEveryMessageOnceInUidOrderAndTheCursorContinues() throws Exception {
        deliver(23, "page");
        HeaderScan scan = HeaderScan.newBuilder().pageSize(10).build();
        List<MessageSummary> all = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();

        ScanPage page = client.scan(account, scan);
        while (true) {
            all.addAll(page.messages());
            sizes.add(page.messages().size());
            if (page.complete()) {
                break;
            }
            page = client.scan(account, scan.toBuilder().after(page.cursor()).build());
        }

        assertThat(sizes).containsExactly(10, 10, 3);
        assertThat(all).extracting(MessageSummary::subject).first().isEqualTo("page 1");
        assertThat(all).extracting(MessageSummary::subject).last().isEqualTo("page 23");
        assertThat(all).extracting(MessageSummary::uid).isSorted().doesNotHaveDuplicates();
        assertThat(page.cursor().lastUid()).isEqualTo(all.get(22).uid());
        assertThat(page.restarted()).isFalse();
    }

    @Test
    void aSummaryReadsTheHeaderAsTheWholeMessageDoes() throws Exception {
        for (String name : CORPUS) {
            inbox().appendMessage(Mail.corpus(name), new Flags(Flags.Flag.FLAGGED), new Date());
        }
        List<MessageSummary> summaries = new ArrayList<>();
        client.scanAll(account, HeaderScan.newBuilder().build(), summaries::add);
        Map<Long, RetrievedMessage> whole = new java.util.HashMap<>();

        FetchReport report = client.fetchMessages(
                account, summaries.stream().map(MessageSummary::ref).toList(), m -> whole.put(m.uid(), m));

        assertThat(report.fetched()).isEqualTo(CORPUS.size());
        assertThat(report.missing()).isEmpty();
        assertThat(summaries).hasSize(CORPUS.size()).allSatisfy(summary -> {
            RetrievedMessage message = whole.get(summary.uid());
            assertThat(summary.subject()).isEqualTo(message.subject());
            assertThat(summary.messageId()).isEqualTo(message.messageId());
            assertThat(summary.from()).isEqualTo(message.from());
            assertThat(summary.to()).isEqualTo(message.to());
            assertThat(summary.cc()).isEqualTo(message.cc());
            assertThat(summary.replyTo()).isEqualTo(message.replyTo());
            assertThat(summary.sender()).isEqualTo(message.sender());
            assertThat(summary.inReplyTo()).isEqualTo(message.inReplyTo());
            assertThat(summary.references()).isEqualTo(message.references());
            assertThat(summary.sentAt()).isEqualTo(message.sentAt());
            assertThat(summary.receivedAt()).isEqualTo(message.receivedAt());
            assertThat(summary.size()).isEqualTo(message.size());
            assertThat(summary.flags()).contains("\\Flagged").doesNotContain("\\Seen");
        });
        MessageSummary reply = bySubject(summaries).entrySet().stream()
                .filter(e -> !e.getValue().references().isEmpty())
                .findFirst()
                .orElseThrow()
                .getValue();
        assertThat(reply.inReplyTo()).isNotEmpty();
    }

    @Test
    void fetchingAndScanningLeaveTheMessagesUnread() throws Exception {
        deliver(3, "unread");
        List<MessageSummary> summaries = new ArrayList<>();
        client.scanAll(account, HeaderScan.newBuilder().build(), summaries::add);
        client.fetchMessages(
                account, summaries.stream().map(MessageSummary::ref).toList(), m -> {});
        List<MessageSummary> again = new ArrayList<>();

        client.scanAll(account, HeaderScan.newBuilder().build(), again::add);

        assertThat(again).hasSize(3).allSatisfy(s -> assertThat(s.flags()).doesNotContain("\\Seen"));
    }

    @Test
    void scanAllReturnsTheCursorThatListsOnlyNewerMailLater() throws Exception {
        deliver(7, "old");
        List<String> first = new ArrayList<>();
        ScanCursor cursor =
                client.scanAll(account, HeaderScan.newBuilder().pageSize(3).build(), s -> first.add(s.subject()));
        deliver(2, "new");
        List<String> later = new ArrayList<>();

        ScanCursor after = client.scanAll(
                account,
                HeaderScan.newBuilder()
                        .after(ScanCursor.fromToken(cursor.token()))
                        .build(),
                s -> later.add(s.subject()));
        List<String> nothing = new ArrayList<>();
        client.scanAll(account, HeaderScan.newBuilder().after(after).build(), s -> nothing.add(s.subject()));

        assertThat(first).hasSize(7);
        assertThat(later).containsExactly("new 1", "new 2");
        assertThat(nothing).isEmpty();
    }

    @Test
    void sinceListsOnlyMailReceivedFromThatDay() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofDays(400));
        inbox().appendMessage(Mail.simple("ancient", "x"), new Flags(), Date.from(longAgo));
        deliver(2, "recent");
        List<String> subjects = new ArrayList<>();

        client.scanAll(
                account,
                HeaderScan.newBuilder()
                        .since(Instant.now().minus(Duration.ofDays(30)))
                        .build(),
                s -> subjects.add(s.subject()));

        assertThat(subjects).containsExactly("recent 1", "recent 2");
    }

    @Test
    void aCursorFromBeforeARenumberingStartsOverAndSaysSo() throws Exception {
        deliver(4, "renumbered");
        ScanPage first = client.scan(account, HeaderScan.newBuilder().build());
        ScanCursor stale = new ScanCursor(
                "INBOX", first.cursor().uidValidity() + 1, first.cursor().lastUid());

        ScanPage again =
                client.scan(account, HeaderScan.newBuilder().after(stale).build());

        assertThat(again.restarted()).isTrue();
        assertThat(again.messages()).hasSize(4);
        assertThat(first.restarted()).isFalse();
    }

    @Test
    void fetchReportsExpungedAndRenumberedReferencesMissingAndHandlerFailures() throws Exception {
        deliver(3, "fetch");
        List<MessageSummary> summaries = new ArrayList<>();
        client.scanAll(account, HeaderScan.newBuilder().build(), summaries::add);
        MessageRef first = summaries.get(0).ref();
        MessageRef expunged =
                new MessageRef("INBOX", first.uidValidity(), summaries.get(2).uid() + 100);
        MessageRef renumbered = new MessageRef("INBOX", first.uidValidity() + 1, first.uid());
        MessageRef noFolder = new MessageRef("Gone", first.uidValidity(), first.uid());
        List<String> handled = new ArrayList<>();

        FetchReport report = client.fetchMessages(
                account,
                List.of(
                        first,
                        expunged,
                        renumbered,
                        noFolder,
                        summaries.get(1).ref(),
                        summaries.get(2).ref()),
                m -> {
                    if (m.subject().equals("fetch 2")) {
                        throw new IllegalStateException("CRM down");
                    }
                    handled.add(m.subject());
                });

        assertThat(handled).containsExactly("fetch 1", "fetch 3");
        assertThat(report.fetched()).isEqualTo(2);
        assertThat(report.missing()).containsExactlyInAnyOrder(expunged, renumbered, noFolder);
        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo(Long.toString(summaries.get(1).uid()));
            assertThat(f.reason()).contains("CRM down");
        });
    }

    @Test
    void badInputGetsAnErrorNamingTheFix() throws Exception {
        deliver(1, "x");
        MailboxAccount pop3 = GreenMailServers.account(greenMail)
                .incoming(
                        Protocol.POP3,
                        "mail.mailbridge.test",
                        greenMail.getPop3s().getPort(),
                        Security.IMPLICIT_TLS)
                .build();
        ScanCursor sentCursor = new ScanCursor("Sent", 1, 5);

        assertThatThrownBy(() -> client.scan(pop3, HeaderScan.newBuilder().build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs IMAP")
                .hasMessageContaining("retrieve(");
        assertThatThrownBy(() -> client.scan(
                        account, HeaderScan.newBuilder().after(sentCursor).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cursor is for folder Sent");
        assertThatThrownBy(() -> client.scan(
                        account, HeaderScan.newBuilder().folder("Nowhere").build()))
                .isInstanceOfSatisfying(
                        ServerResponseException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.FOLDER_NOT_FOUND))
                .hasMessageContaining("existing folders: INBOX");
        assertThatThrownBy(() -> ScanCursor.fromToken("1.x.y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ScanCursor.token()");
        assertThatThrownBy(() -> HeaderScan.newBuilder().pageSize(0)).hasMessageContaining("pageSize is 0");
        assertThat(ScanCursor.fromToken(new ScanCursor("Ärchiv/2024 ü", 9, 77).token()))
                .isEqualTo(new ScanCursor("Ärchiv/2024 ü", 9, 77));
    }

    @Test
    void aConnectionCutUnderAScanIsARetryableLostConnection() throws Exception {
        deliver(300, "cut");
        try (TcpProxy proxy = TcpProxy.to(greenMail.getImaps().getPort()).cutServerAfter(() -> 40_000)) {
            MailboxAccount viaProxy = GreenMailServers.account(greenMail)
                    .imap("mail.mailbridge.test", proxy.port(), Security.IMPLICIT_TLS)
                    .build();
            List<MessageSummary> seen = new ArrayList<>();

            assertThatThrownBy(() -> client.scanAll(
                            viaProxy, HeaderScan.newBuilder().pageSize(50).build(), seen::add))
                    .isInstanceOfSatisfying(MailbridgeException.class, e -> {
                        assertThat(e.code()).isEqualTo(ProblemCode.CONNECTION_LOST);
                        assertThat(e.isRetryable()).isTrue();
                    });
            assertThat(seen).hasSizeLessThan(300);
        }
    }

    private static Map<String, MessageSummary> bySubject(List<MessageSummary> summaries) {
        return summaries.stream().collect(Collectors.toMap(MessageSummary::subject, Function.identity(), (a, b) -> a));
    }
}
