package dev.mailbridge.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.FolderReport;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievalReport;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.testing.CrashingCheckpointStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retrieval policies on mailboxes of a few thousand seeded messages (plain, HTML, attachments, replies, non-ASCII and a
 * few malformed ones) in the lab's Dovecot: MOVE, the COPY + UID EXPUNGE path on the second Dovecot (which lacks MOVE),
 * delete, a crash and restart, and POP3 leave and delete.
 */
@Tag("interop")
class LabRetrievalTest {
    static final int SEEDED = 3_000;
    /** seed.py makes every 500th message malformed (broken From, unknown charset). */
    static final int MALFORMED = SEEDED / 500;
    /** POP3 has no UID FETCH batches: a smaller mailbox keeps those tests quick. */
    static final int POP3_SEEDED = 500;

    static MailboxClient client;

    @BeforeAll
    static void labMustBeUp() {
        Lab.mustBeUp();
        client = Lab.client().build();
    }

    @Test
    void archiveMovesEveryMessageOnceWithMove() {
        Lab.seed("move", SEEDED);
        MailboxAccount account = Lab.box("move").build();
        List<RetrievedMessage> handled = new ArrayList<>();

        RetrievalReport report = client.retrieve(account, inbox(AfterHandling.archive()), handled::add);

        FolderReport inbox = report.folders().get(0);
        assertThat(inbox.handled()).isEqualTo(SEEDED);
        assertThat(inbox.archived()).isEqualTo(SEEDED);
        assertThat(inbox.notes()).noneMatch(note -> note.contains("MOVE"));
        assertEveryMessageOnce(handled, SEEDED);
        assertThat(handled.stream().filter(RetrievedMessage::malformed)).hasSize(MALFORMED);
        assertThat(count(account, "INBOX")).isZero();
        assertThat(count(account, "Archive")).isEqualTo(SEEDED);
    }

    @Test
    void archiveWithoutMoveCopiesAndExpungesExactlyEachMessage() {
        Lab.seed("copy", SEEDED);
        MailboxAccount account = Lab.box("copy")
                .imap(Lab.HOST, Lab.LEGACY_IMAPS, Security.IMPLICIT_TLS)
                .build();
        List<RetrievedMessage> handled = new ArrayList<>();

        RetrievalReport report = client.retrieve(account, inbox(AfterHandling.archive()), handled::add);

        assertThat(report.folders().get(0).archived()).isEqualTo(SEEDED);
        assertEveryMessageOnce(handled, SEEDED);
        assertThat(count(account, "INBOX")).isZero();
        assertThat(count(account, "Archive")).isEqualTo(SEEDED);
    }

    @Test
    void deleteRemovesEveryHandledMessage() {
        Lab.seed("delete", SEEDED);
        MailboxAccount account = Lab.box("delete").build();
        List<RetrievedMessage> handled = new ArrayList<>();

        RetrievalReport report = client.retrieve(account, inbox(AfterHandling.delete()), handled::add);

        assertThat(report.folders().get(0).deleted()).isEqualTo(SEEDED);
        assertEveryMessageOnce(handled, SEEDED);
        assertThat(count(account, "INBOX")).isZero();
    }

    @Test
    void markSeenFlagsEveryHandledMessageAndKeepsIt() {
        Lab.seed("seen", SEEDED);
        MailboxAccount account = Lab.box("seen").build();

        RetrievalReport report = client.retrieve(account, inbox(AfterHandling.markSeen()), m -> {});

        assertThat(report.folders().get(0).markedSeen()).isEqualTo(SEEDED);
        List<RetrievedMessage> after = new ArrayList<>();
        withFreshCheckpoints().retrieve(account, inbox(AfterHandling.leave()), after::add);
        assertThat(after).hasSize(SEEDED).allSatisfy(m -> assertThat(m.flags()).contains("\\Seen"));
    }

    /**
     * Dovecot rebuilds the folder (the same 300 messages under a new UIDVALIDITY, as after a restore). The cursor
     * remembers a fingerprint of every handled message that stays in the folder, so none is offered again.
     */
    @Test
    void aRenumberedFolderRecognisesTheHandledMailItRemembers(@TempDir Path checkpoints) {
        long epoch = Instant.now().getEpochSecond();
        Lab.seed("renumber", 300, epoch);
        MailboxAccount account = Lab.box("renumber").build();
        MailboxClient durable = client.toBuilder()
                .checkpointStore(CheckpointStore.inDirectory(checkpoints))
                .build();
        RetrievalReport first = durable.retrieve(account, inbox(AfterHandling.leave()), m -> {});
        Lab.seed("renumber", 300, epoch);
        List<RetrievedMessage> again = new ArrayList<>();

        RetrievalReport second = durable.retrieve(account, inbox(AfterHandling.leave()), again::add);

        assertThat(first.handled()).isEqualTo(300);
        assertThat(second.folders().get(0).uidValidityChanged()).isTrue();
        assertThat(again)
                .as("every handled message recognised by its fingerprint")
                .isEmpty();
    }

    /**
     * A process that dies between handling a message and saving its checkpoint, then starts again with the same
     * checkpoint directory: every message is handled, only the one in flight twice, and a third run finds nothing.
     */
    @Test
    void aRestartAfterACrashLosesNothingAndRepeatsOnlyTheMessageInFlight(@TempDir Path checkpoints) {
        Lab.seed("restart", SEEDED);
        MailboxAccount account = Lab.box("restart").build();
        List<RetrievedMessage> handled = new ArrayList<>();
        Retrieval leave = inbox(AfterHandling.leave());
        MailboxClient crashing = client.toBuilder()
                .checkpointStore(CrashingCheckpointStore.crashingOnAppend(checkpoints, 1_234))
                .build();

        assertThatThrownBy(() -> crashing.retrieve(account, leave, handled::add))
                .hasMessageContaining("simulated crash");
        assertThat(handled).hasSize(1_234);
        MailboxClient restarted = client.toBuilder()
                .checkpointStore(CheckpointStore.inDirectory(checkpoints))
                .build();
        RetrievalReport second = restarted.retrieve(account, leave, handled::add);
        RetrievalReport third = restarted.retrieve(account, leave, handled::add);

        assertThat(second.handled()).isEqualTo(SEEDED - 1_234 + 1);
        assertThat(third.handled()).isZero();
        Set<String> ids = messageIds(handled);
        assertThat(ids).hasSize(SEEDED);
        assertThat(handled).hasSize(SEEDED + 1);
        assertThat(handled.get(1_233).messageId()).isEqualTo(handled.get(1_234).messageId());
    }

    @Test
    void pop3LeaveHandsOutEachMessageOnceAndKeepsThemOnTheServer() {
        Lab.seed("pop-leave", POP3_SEEDED);
        MailboxAccount account = Lab.box("pop-leave")
                .incoming(Protocol.POP3, Lab.HOST, 995, Security.IMPLICIT_TLS)
                .build();
        List<RetrievedMessage> handled = new ArrayList<>();
        Retrieval leave = Retrieval.newBuilder()
                .maxPerFolder(SEEDED)
                .afterHandling(AfterHandling.leave())
                .build();

        RetrievalReport first = client.retrieve(account, leave, handled::add);
        RetrievalReport second = client.retrieve(account, leave, handled::add);

        assertThat(first.handled()).isEqualTo(POP3_SEEDED);
        assertThat(second.handled()).isZero();
        assertEveryMessageOnce(handled, POP3_SEEDED);
        assertThat(withFreshCheckpoints().retrieve(account, leave, m -> {}).handled())
                .as("still on the server")
                .isEqualTo(POP3_SEEDED);
    }

    @Test
    void pop3DeleteRemovesEveryHandledMessageFromTheServer() {
        Lab.seed("pop-delete", POP3_SEEDED);
        MailboxAccount account = Lab.box("pop-delete")
                .incoming(Protocol.POP3, Lab.HOST, 110, Security.STARTTLS)
                .build();
        List<RetrievedMessage> handled = new ArrayList<>();

        RetrievalReport report = client.retrieve(
                account,
                Retrieval.newBuilder()
                        .maxPerFolder(SEEDED)
                        .afterHandling(AfterHandling.delete())
                        .build(),
                handled::add);

        assertThat(report.handled()).isEqualTo(POP3_SEEDED);
        assertEveryMessageOnce(handled, POP3_SEEDED);
        assertThat(withFreshCheckpoints()
                        .retrieve(
                                account,
                                Retrieval.newBuilder().maxPerFolder(SEEDED).build(),
                                m -> {})
                        .handled())
                .as("left on the server")
                .isZero();
    }

    private static Retrieval inbox(AfterHandling policy) {
        return Retrieval.newBuilder()
                .folders("INBOX")
                .maxPerFolder(SEEDED)
                .afterHandling(policy)
                .build();
    }

    /** Every one of {@code seeded} messages exactly once: seed.py gives each a distinct Message-ID. */
    private static void assertEveryMessageOnce(List<RetrievedMessage> handled, int seeded) {
        assertThat(handled).hasSize(seeded);
        assertThat(messageIds(handled)).hasSize(seeded);
    }

    private static Set<String> messageIds(List<RetrievedMessage> handled) {
        return handled.stream()
                .map(m -> m.messageId().orElseThrow(() -> new AssertionError("no Message-ID: " + m)))
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** How many messages {@code folder} holds now, counted by a leave-run with fresh checkpoints. */
    private static int count(MailboxAccount account, String folder) {
        return withFreshCheckpoints()
                .retrieve(
                        account,
                        Retrieval.newBuilder()
                                .folders(folder)
                                .maxPerFolder(SEEDED)
                                .afterHandling(AfterHandling.leave())
                                .build(),
                        m -> {})
                .handled();
    }

    private static MailboxClient withFreshCheckpoints() {
        return client.toBuilder().checkpointStore(CheckpointStore.inMemory()).build();
    }
}
