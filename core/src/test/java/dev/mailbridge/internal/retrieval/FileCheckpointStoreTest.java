package dev.mailbridge.internal.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.CursorLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {
    @TempDir
    Path directory;

    private static final String ACCOUNT = "dana@acme.test|IMAP|imap.acme.test|dana";

    @Test
    void logsSurviveANewStoreAndLeaveNoTemporaryFiles() throws Exception {
        CheckpointStore store = CheckpointStore.inDirectory(directory);
        store.replace(ACCOUNT, "Support/Tickets", "imap 2\nuidvalidity=7");
        store.append(ACCOUNT, "Support/Tickets", "d 1 00000000000000aa");
        store.append(ACCOUNT, "Support/Tickets", "f 2");
        store.sync(ACCOUNT, "Support/Tickets");
        store.append(ACCOUNT, "INBOX", "h UIDL-1");

        CheckpointStore restarted = CheckpointStore.inDirectory(directory);

        assertThat(restarted.load(ACCOUNT, "Support/Tickets"))
                .contains(new CursorLog("imap 2\nuidvalidity=7", List.of("d 1 00000000000000aa", "f 2")));
        assertThat(restarted.load(ACCOUNT, "INBOX")).contains(new CursorLog("", List.of("h UIDL-1")));
        assertThat(restarted.load("someone@else.test", "INBOX")).isEmpty();
        restarted.replace(ACCOUNT, "Support/Tickets", "imap 2\nuidvalidity=8");
        assertThat(CheckpointStore.inDirectory(directory).load(ACCOUNT, "Support/Tickets"))
                .as("a replace drops the entries")
                .contains(new CursorLog("imap 2\nuidvalidity=8", List.of()));
        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString())).hasSize(2).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    /**
     * A kill or a power loss in the middle of an append leaves a torn last line: it is not replayed (its checksum
     * fails), it is cut off, and the next entry follows the last whole one.
     */
    @Test
    void aTornLastEntryIsDroppedAndTheNextAppendFollowsTheLastWholeOne() throws Exception {
        CheckpointStore store = CheckpointStore.inDirectory(directory);
        store.replace(ACCOUNT, "INBOX", "imap 2");
        store.append(ACCOUNT, "INBOX", "d 1 00000000000000aa");
        store.sync(ACCOUNT, "INBOX");
        Path journal;
        try (var files = Files.list(directory)) {
            journal = files.filter(f -> f.toString().endsWith(".journal"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.write(journal, "d 2 00000000000000bb\t1234".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        CheckpointStore restarted = CheckpointStore.inDirectory(directory);
        assertThat(restarted.load(ACCOUNT, "INBOX").orElseThrow().entries()).containsExactly("d 1 00000000000000aa");
        restarted.append(ACCOUNT, "INBOX", "d 3 00000000000000cc");

        assertThat(CheckpointStore.inDirectory(directory)
                        .load(ACCOUNT, "INBOX")
                        .orElseThrow()
                        .entries())
                .containsExactly("d 1 00000000000000aa", "d 3 00000000000000cc");
    }

    /** What a kill in the middle of a replace leaves (its temporary file, the old journal) is removed on load. */
    @Test
    void whatAKilledReplaceLeftBehindIsCleanedUpOnLoad() throws Exception {
        CheckpointStore store = CheckpointStore.inDirectory(directory);
        store.replace(ACCOUNT, "INBOX", "imap 2\nfloor=1");
        store.append(ACCOUNT, "INBOX", "f 2");
        store.replace(ACCOUNT, "INBOX", "imap 2\nfloor=2");
        String cursorName;
        try (var files = Files.list(directory)) {
            cursorName = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".cursor"))
                    .findFirst()
                    .orElseThrow();
        }
        String base = cursorName.substring(0, cursorName.length() - ".cursor".length());
        Files.writeString(directory.resolve(cursorName + ".tmp"), "half a snapshot");
        Files.writeString(directory.resolve(base + ".1.journal"), "f 2\tdeadbeef\n"); // generation 2 is current

        assertThat(CheckpointStore.inDirectory(directory).load(ACCOUNT, "INBOX"))
                .contains(new CursorLog("imap 2\nfloor=2", List.of()));
        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(cursorName);
        }
    }

    /** Cursors written before the log (one file, "mailbridge-cursor 1") are read as a snapshot. */
    @Test
    void aCursorFileOfTheFirstFormatIsReadAsItsSnapshot() throws Exception {
        CheckpointStore store = CheckpointStore.inDirectory(directory);
        store.replace(ACCOUNT, "INBOX", "x");
        Path file;
        try (var files = Files.list(directory)) {
            file = files.filter(f -> f.toString().endsWith(".cursor"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.writeString(file, "mailbridge-cursor 1\nuidvalidity=9\nlastuid=42\nretry=17\n");

        CursorLog log =
                CheckpointStore.inDirectory(directory).load(ACCOUNT, "INBOX").orElseThrow();

        assertThat(TestCursors.describe(log)).startsWith("floor=42", "retry=17");
    }

    @Test
    void autoReplyClaimsAreAtomicSurviveANewStoreExpireAndCanBeGivenBack() throws Exception {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        Duration day = Duration.ofDays(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                CheckpointStore store = CheckpointStore.inDirectory(directory);
                racers.add(pool.submit(() -> store.claimAutoReply("support@acme.test", "chris@x.test", now, day)));
            }
            int winners = 0;
            for (Future<Boolean> racer : racers) {
                winners += racer.get() ? 1 : 0;
            }
            assertThat(winners)
                    .as("claims won by concurrent stores on one directory")
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        CheckpointStore restarted = CheckpointStore.inDirectory(directory);
        assertThat(restarted.claimAutoReply("support@acme.test", "chris@x.test", now.plusSeconds(60), day))
                .isFalse();
        assertThat(restarted.claimAutoReply("other@acme.test", "chris@x.test", now, day))
                .as("another mailbox has its own claims")
                .isTrue();
        assertThat(restarted.claimAutoReply("support@acme.test", "chris@x.test", now.plus(day), day))
                .as("expired after the period")
                .isTrue();
        restarted.releaseAutoReply("support@acme.test", "chris@x.test", now.plus(day));
        assertThat(restarted.claimAutoReply(
                        "support@acme.test", "chris@x.test", now.plus(day).plusSeconds(1), day))
                .as("given back")
                .isTrue();
    }
}
