package dev.mailbridge.internal.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.FolderCursor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {
    @TempDir
    Path directory;

    @Test
    void cursorsSurviveANewStoreAndLeaveNoTemporaryFiles() throws Exception {
        FolderCursor cursor = new FolderCursor(
                1_700_000_000L,
                42,
                Set.of("17", "23"),
                Set.of("a1b2c3", "d4e5f6"),
                Instant.parse("2026-11-22T10:15:30Z"));
        CheckpointStore.inDirectory(directory)
                .save("dana@acme.test|IMAP|imap.acme.test|dana", "Support/Tickets", cursor);
        CheckpointStore.inDirectory(directory).save("dana@acme.test|IMAP|imap.acme.test|dana", "INBOX", cursor);

        FolderCursor loaded = CheckpointStore.inDirectory(directory)
                .load("dana@acme.test|IMAP|imap.acme.test|dana", "Support/Tickets")
                .orElseThrow();

        assertThat(loaded).isEqualTo(cursor);
        assertThat(CheckpointStore.inDirectory(directory).load("someone@else.test", "INBOX"))
                .isEmpty();
        try (var files = Files.list(directory)) {
            assertThat(files)
                    .hasSize(2)
                    .allMatch(f -> f.getFileName().toString().endsWith(".cursor"));
        }
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
