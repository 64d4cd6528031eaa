package dev.mailbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.internal.retrieval.TestCursors;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.FolderReport;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievalReport;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.testing.CrashingCheckpointStore;
import dev.mailbridge.testing.Mail;
import jakarta.mail.Flags;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Retrieval against GreenMail over TLS: every policy, cursors across runs and crashes, and the edge cases. */
class RetrievalTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = GreenMailServers.extension().withPerMethodLifecycle(true);

    @TempDir
    Path checkpoints;

    private GreenMailUser user;
    private MailboxClient client;
    private MailboxAccount account;
    private final List<String> handled = new ArrayList<>();

    @BeforeEach
    void setUp() {
        user = greenMail.setUser(GreenMailServers.ADDRESS, GreenMailServers.ADDRESS, GreenMailServers.PASSWORD);
        client = GreenMailServers.client(greenMail).toBuilder()
                .checkpointStore(CheckpointStore.inDirectory(checkpoints))
                .build();
        account = GreenMailServers.account(greenMail).build();
    }

    @AfterEach
    void noConnectionLeftOpen() {
        GreenMailServers.assertNoOpenConnections(greenMail);
    }

    /** The folder on the server, created if missing. */
    private MailFolder folder(String name) throws Exception {
        var manager = greenMail.getManagers().getImapHostManager();
        MailFolder existing = manager.getFolder(user, name);
        return existing != null ? existing : manager.createMailbox(user, name);
    }

    private MailFolder inbox() throws Exception {
        return greenMail.getManagers().getImapHostManager().getInbox(user);
    }

    private void deliver(String... subjects) throws Exception {
        GreenMailServers.deliver(greenMail, user, subjects);
    }

    private RetrievalReport run(Retrieval retrieval) {
        return client.retrieve(account, retrieval, message -> handled.add(message.subject()));
    }

    private static Retrieval with(AfterHandling policy) {
        return Retrieval.newBuilder().afterHandling(policy).build();
    }

    @Test
    void leaveHandsOutEachMessageOnceAcrossRuns() throws Exception {
        deliver("one", "two", "three");

        FolderReport first = run(with(AfterHandling.leave())).folders().get(0);
        FolderReport second = run(with(AfterHandling.leave())).folders().get(0);
        deliver("four");
        FolderReport third = run(with(AfterHandling.leave())).folders().get(0);

        assertThat(handled).containsExactly("one", "two", "three", "four");
        assertThat(first.handled()).isEqualTo(3);
        assertThat(second.seen()).isZero();
        assertThat(third.handled()).isEqualTo(1);
        assertThat(inbox().getMessageCount()).isEqualTo(4);
        assertThat(inbox().getMessages()).noneMatch(m -> m.isSet(Flags.Flag.SEEN));
    }

    @Test
    void archiveMovesWithMoveAndCreatesTheFolder() throws Exception {
        deliver("one", "two");

        FolderReport report = run(with(AfterHandling.archive())).folders().get(0);

        assertThat(report.archived()).isEqualTo(2);
        assertThat(report.notes()).contains("created folder Archive");
        assertThat(inbox().getMessageCount()).isZero();
        assertThat(folder("Archive").getMessageCount()).isEqualTo(2);
    }

    @Test
    void archiveWithoutMoveUsesCopyAndUidExpungeOfExactlyThatMessage() throws Exception {
        client = client.toBuilder().ignoreImapCapabilities("MOVE").build();
        StoredMessage otherClientsDeleted = storedWithFlag("someone else's", Flags.Flag.DELETED);
        deliver("one", "two");

        FolderReport report =
                run(with(AfterHandling.archiveTo("Processed/2026"))).folders().get(0);

        assertThat(report.archived()).isEqualTo(2);
        assertThat(folder("Processed.2026").getMessageCount()).isEqualTo(2);
        assertThat(inbox().getMessages())
                .as("the other client's deleted message survives: only our UIDs were expunged")
                .extracting(StoredMessage::getUid)
                .containsExactly(otherClientsDeleted.getUid());
    }

    @Test
    void archiveWithoutUidplusLeavesTheCopyFlaggedDeleted() throws Exception {
        client = client.toBuilder().ignoreImapCapabilities("MOVE", "UIDPLUS").build();
        deliver("one");

        FolderReport report = run(with(AfterHandling.archive())).folders().get(0);

        assertThat(folder("Archive").getMessageCount()).isEqualTo(1);
        assertThat(inbox().getMessages())
                .singleElement()
                .satisfies(m -> assertThat(m.isSet(Flags.Flag.DELETED)).isTrue());
        assertThat(report.notes()).anyMatch(n -> n.contains("lacks UIDPLUS"));
        assertThat(run(with(AfterHandling.archive())).handled())
                .as("not handed out again")
                .isZero();
    }

    private StoredMessage storedWithFlag(String subject, Flags.Flag flag) throws Exception {
        inbox().appendMessage(Mail.simple(subject, "x"), new Flags(flag), new Date());
        StoredMessage stored = inbox().getMessages().get(inbox().getMessages().size() - 1);
        // Not ours to handle: a cursor that starts after it keeps it out of the run, as if handled long ago.
        client.checkpointStore()
                .replace(accountKey(), "INBOX", TestCursors.imapFloor(inbox().getUidValidity(), stored.getUid()));
        return stored;
    }

    private String accountKey() {
        return account.address().toAsciiString() + "|IMAP|mail.mailbridge.test|" + GreenMailServers.ADDRESS;
    }

    @Test
    void deleteRemovesAndMarkSeenFlags() throws Exception {
        deliver("one", "two");
        assertThat(run(with(AfterHandling.markSeen())).folders().get(0).markedSeen())
                .isEqualTo(2);
        assertThat(inbox().getMessages()).allMatch(m -> m.isSet(Flags.Flag.SEEN));

        deliver("three");
        FolderReport deleted = run(with(AfterHandling.delete())).folders().get(0);

        assertThat(deleted.deleted()).isEqualTo(1);
        assertThat(inbox().getMessageCount()).isEqualTo(2);
        assertThat(handled).containsExactly("one", "two", "three");
    }

    @Test
    void deleteWhereDeleteOnlyRemovesALabelMovesToTrash() throws Exception {
        ProviderProfile labels = ProviderProfile.newBuilder("labels", "Label Mail")
                .imap("mail.mailbridge.test", 993, Security.IMPLICIT_TLS)
                .smtp("mail.mailbridge.test", 465, Security.IMPLICIT_TLS)
                .folder(FolderRole.TRASH, "Bin")
                .deleteOnlyRemovesLabel(true)
                .build();
        account = GreenMailServers.account(greenMail).profile(labels).build();
        deliver("one");

        run(with(AfterHandling.delete()));

        assertThat(inbox().getMessageCount()).isZero();
        assertThat(folder("Bin").getMessageCount()).isEqualTo(1);
    }

    @Test
    void backfillWindowSkipsOlderMail() throws Exception {
        inbox().appendMessage(
                        Mail.simple("last year", "old"),
                        new Flags(),
                        Date.from(Instant.now().minus(Duration.ofDays(400))));
        deliver("yesterday");

        run(Retrieval.newBuilder().backfill(Duration.ofDays(14)).build());

        assertThat(handled).containsExactly("yesterday");
    }

    @Test
    void capCountsAfterTheCursorSoReadMailDoesNotStarveIt() throws Exception {
        for (int i = 1; i <= 5; i++) {
            inbox().appendMessage(Mail.simple("read " + i, "x"), new Flags(Flags.Flag.SEEN), new Date());
        }
        Retrieval capped = Retrieval.newBuilder().maxPerFolder(2).build();

        List<Integer> perRun = List.of(
                run(capped).handled(),
                run(capped).handled(),
                run(capped).handled(),
                run(capped).handled());

        assertThat(perRun).containsExactly(2, 2, 1, 0);
        assertThat(handled).containsExactly("read 1", "read 2", "read 3", "read 4", "read 5");
    }

    @Test
    void newestFirstKeepsOlderMailForLaterRuns() throws Exception {
        deliver("a", "b", "c");
        Retrieval newest = Retrieval.newBuilder()
                .maxPerFolder(2)
                .order(Retrieval.Order.NEWEST_FIRST)
                .build();

        run(newest);
        run(newest);
        run(newest);

        assertThat(handled).containsExactly("c", "b", "a");
    }

    @Test
    void handlerFailureLeavesTheMessageAndOffersItAgain() throws Exception {
        deliver("good", "bad", "fine");
        AtomicInteger attempts = new AtomicInteger();

        RetrievalReport report = client.retrieve(account, with(AfterHandling.archive()), message -> {
            if (message.subject().equals("bad") && attempts.getAndIncrement() == 0) {
                throw new IllegalStateException("ticket system down");
            }
            handled.add(message.subject());
        });

        FolderReport folder = report.folders().get(0);
        assertThat(folder.failed()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("IllegalStateException: ticket system down");
            assertThat(f.id()).isEqualTo("2");
        });
        assertThat(inbox().getMessages())
                .singleElement()
                .satisfies(m -> assertThat(m.getMimeMessage().getSubject()).isEqualTo("bad"));

        run(with(AfterHandling.archive()));
        assertThat(handled).containsExactly("good", "fine", "bad");
        assertThat(inbox().getMessageCount()).isZero();
    }

    @Test
    void crashBetweenHandlingAndCursorWriteRepeatsOnlyThatMessage() throws Exception {
        deliver("one", "two", "three");
        client = client.toBuilder()
                .checkpointStore(CrashingCheckpointStore.crashingOnAppend(checkpoints, 2))
                .build();

        assertThatThrownBy(() -> run(with(AfterHandling.leave()))).hasMessage("simulated crash");
        client = client.toBuilder()
                .checkpointStore(CheckpointStore.inDirectory(checkpoints))
                .build();
        run(with(AfterHandling.leave()));

        // at least once: "two" was handled when the process died before its cursor write
        assertThat(handled).containsExactly("one", "two", "two", "three");
    }

    /**
     * The process dies while "two" is handled, before the batch's archive: "one" was recorded as handled with its
     * policy pending. The restart archives "one" before anything else, never offers it again, and repeats only "two".
     */
    @Test
    void crashInABatchCompletesThePendingPolicyAndRepeatsOnlyTheMessageInFlight() throws Exception {
        deliver("one", "two", "three");
        client = client.toBuilder()
                .checkpointStore(CrashingCheckpointStore.crashingOnAppend(checkpoints, 2))
                .build();

        assertThatThrownBy(() -> run(with(AfterHandling.archive()))).hasMessage("simulated crash");
        assertThat(folder("Archive").getMessageCount())
                .as("no policy before the batch is recorded")
                .isZero();
        client = client.toBuilder()
                .checkpointStore(CheckpointStore.inDirectory(checkpoints))
                .build();
        FolderReport report = run(with(AfterHandling.archive())).folders().get(0);

        assertThat(handled).containsExactly("one", "two", "two", "three");
        assertThat(report.notes()).contains("completed the after-handling of 1 messages an earlier run had handled");
        assertThat(folder("Archive").getMessageCount()).isEqualTo(3);
        assertThat(inbox().getMessageCount()).isZero();
    }

    @Test
    void crashInANewestFirstRunLosesNothing() throws Exception {
        deliver("a", "b", "c");
        Retrieval newest =
                Retrieval.newBuilder().order(Retrieval.Order.NEWEST_FIRST).build();
        client = client.toBuilder()
                .checkpointStore(CrashingCheckpointStore.crashingOnAppend(checkpoints, 3))
                .build();

        assertThatThrownBy(() -> run(newest)).hasMessage("simulated crash");
        client = client.toBuilder()
                .checkpointStore(CheckpointStore.inDirectory(checkpoints))
                .build();
        run(newest);
        run(newest);

        // "b" was being handled when the process died; "a" had not been reached: both come in the next run
        assertThat(handled).containsExactly("c", "b", "b", "a");
    }

    @Test
    void uidValidityChangeDoesNotRedeliverHandledMail() throws Exception {
        deliver("one", "two");
        run(with(AfterHandling.leave()));
        // The server renumbered the folder: the stored UIDVALIDITY no longer matches and UID 1 means nothing now.
        var log = client.checkpointStore().load(accountKey(), "INBOX").orElseThrow();
        client.checkpointStore()
                .replace(accountKey(), "INBOX", TestCursors.renumbered(log, inbox().getUidValidity() - 1));
        List<String> events = new ArrayList<>();
        client = client.toBuilder()
                .eventListener(new EventListener() {
                    @Override
                    public void uidValidityChanged(MailboxAccount a, String folder, long previous, long current) {
                        events.add(folder + " " + previous + "->" + current);
                    }
                })
                .build();
        deliver("three");

        FolderReport report = run(with(AfterHandling.leave())).folders().get(0);

        assertThat(handled).containsExactly("one", "two", "three");
        assertThat(report.uidValidityChanged()).isTrue();
        assertThat(report.notes())
                .contains("2 messages handled before the folder was renumbered were recognised and not offered again");
        assertThat(events).singleElement().asString().startsWith("INBOX ");
    }

    @Test
    void missingFolderIsAnErrorListingTheFoldersThatExist() throws Exception {
        folder("Tickets");
        Retrieval retrieval = Retrieval.newBuilder().folders("INBOX", "Tikets").build();

        assertThatThrownBy(() -> run(retrieval))
                .isInstanceOfSatisfying(
                        ServerResponseException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.FOLDER_NOT_FOUND))
                .hasMessageContaining("folder Tikets does not exist")
                .hasMessageContaining("existing folders: INBOX, Tickets");
    }

    @Test
    void foldersByRoleUseTheProfilesNames() throws Exception {
        ProviderProfile profile = ProviderProfile.newBuilder("roles", "Roles")
                .imap("mail.mailbridge.test", 993, Security.IMPLICIT_TLS)
                .smtp("mail.mailbridge.test", 465, Security.IMPLICIT_TLS)
                .folder(FolderRole.SENT, "Sent Items")
                .build();
        account = GreenMailServers.account(greenMail).profile(profile).build();
        folder("Sent Items").appendMessage(Mail.simple("we wrote", "x"), new Flags(), new Date());

        run(Retrieval.newBuilder().folder(FolderRole.SENT).build());

        assertThat(handled).containsExactly("we wrote");
    }

    @Test
    void malformedMessagesAreDeliveredWithWhatCouldBeReadAndNeverStopTheBatch() throws Exception {
        for (String name : List.of(
                "bad-address.eml",
                "unknown-charset.eml",
                "truncated-multipart.eml",
                "latin1.eml",
                "koi8r.eml",
                "shiftjis-reply.eml",
                "attachments.eml")) {
            inbox().appendMessage(Mail.corpus(name), new Flags(), new Date());
        }
        List<RetrievedMessage> messages = new ArrayList<>();

        RetrievalReport report = client.retrieve(
                account, Retrieval.newBuilder().attachmentSizeLimit(1000).build(), messages::add);

        assertThat(report.handled()).isEqualTo(7);
        RetrievedMessage badAddress = messages.get(0);
        assertThat(badAddress.subject()).isEqualTo("Broken sender but a subject worth keeping");
        assertThat(badAddress.malformed()).isTrue();
        assertThat(badAddress.from()).isNotEmpty();
        assertThat(badAddress.parseProblems()).anyMatch(p -> p.startsWith("unreadable Date"));
        RetrievedMessage unknownCharset = messages.get(1);
        assertThat(unknownCharset.textBody()).contains("Body in a charset nobody knows.\r\n");
        assertThat(unknownCharset.parseProblems()).anyMatch(p -> p.contains("x-foo-bar"));
        assertThat(messages.get(2).textBody())
                .hasValueSatisfying(t -> assertThat(t).contains("First part survives."));
        assertThat(messages.get(3).subject()).isEqualTo("Café crème");
        assertThat(messages.get(3).from().get(0).displayName()).isEqualTo("Jürgen Müller");
        assertThat(messages.get(3).textBody())
                .hasValueSatisfying(t -> assertThat(t).startsWith("Café au lait, déjà vu."));
        assertThat(messages.get(4).subject()).isEqualTo("Заявка 42");
        assertThat(messages.get(4).textBody()).contains("Привет, мир");
        RetrievedMessage reply = messages.get(5);
        assertThat(reply.subject()).isEqualTo("お問い合わせ");
        assertThat(reply.textBody()).contains("日本語のテキスト");
        assertThat(reply.htmlBody()).contains("<p>日本語</p>");
        assertThat(reply.isReply()).isTrue();
        assertThat(reply.parentMessageId()).contains("question-1@mailbridge.test");
        assertThat(reply.threadRootId()).contains("root-0@mailbridge.test");
        RetrievedMessage attachments = messages.get(6);
        assertThat(attachments.isReply()).isFalse();
        assertThat(attachments.attachments()).hasSize(2);
        assertThat(attachments.attachments().get(0).bytes())
                .hasValueSatisfying(b -> assertThat(new String(b, java.nio.charset.StandardCharsets.US_ASCII))
                        .isEqualTo("small attachment content"));
        assertThat(attachments.attachments().get(1).fileName()).contains("größe.bin");
        assertThat(attachments.attachments().get(1).size()).isEqualTo(5120);
        assertThat(attachments.attachments().get(1).contentAvailable()).isFalse();
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.uidValidity()).isPositive();
            assertThat(m.rawSource()).isNotEmpty();
        });
    }

    @Test
    void connectionFailuresThrowByCategory() {
        MailboxAccount nowhere = GreenMailServers.account(greenMail)
                .imap("imap.nosuch.mailbridge.test", 993, Security.IMPLICIT_TLS)
                .build();
        MailboxAccount wrongPassword = GreenMailServers.account(greenMail)
                .credentials(Credentials.password("not-the-password"))
                .build();

        assertThatThrownBy(() -> client.retrieve(nowhere, Retrieval.newBuilder().build(), m -> {}))
                .isInstanceOfSatisfying(
                        ConnectionException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.UNKNOWN_HOST));
        assertThatThrownBy(() ->
                        client.retrieve(wrongPassword, Retrieval.newBuilder().build(), m -> {}))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Check the username and the password")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void aMessageWithNothingReadableIsReportedWithItsUidAndSkipped() throws Exception {
        deliver("before");
        inbox().appendMessage(
                        new jakarta.mail.internet.MimeMessage(
                                jakarta.mail.Session.getInstance(new java.util.Properties()),
                                new java.io.ByteArrayInputStream("\r\n\r\nno headers at all\r\n"
                                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                        new Flags(),
                        new Date());
        deliver("after");

        FolderReport report = run(with(AfterHandling.leave())).folders().get(0);

        assertThat(handled).containsExactly("before", "after");
        assertThat(report.malformed()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("2");
            assertThat(m.reason()).startsWith("no header could be read");
        });
        assertThat(run(with(AfterHandling.leave())).folders().get(0).malformed())
                .as("not reported again")
                .isEmpty();
    }
}
