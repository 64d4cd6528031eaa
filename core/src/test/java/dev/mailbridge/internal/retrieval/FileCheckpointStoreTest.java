package dev.mailbridge.internal.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.FolderCursor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
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
}
