package dev.mailbridge.retrieval;

import dev.mailbridge.internal.retrieval.FileCheckpointStore;
import dev.mailbridge.internal.retrieval.InMemoryCheckpointStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps a {@link FolderCursor} per account and folder, so a restarted application neither loses nor repeats mail.
 * Retrieval writes the cursor after each handled message. Implementations must be thread-safe and make each save
 * durable before returning.
 *
 * <p>{@link #inDirectory(Path)} is the store to use in production: one small file per account and folder, replaced
 * atomically. {@link #inMemory()} forgets everything when the JVM stops.
 */
public interface CheckpointStore {
    /** The cursor saved for {@code account} and {@code folder}, if any. */
    Optional<FolderCursor> load(String account, String folder);

    /** Saves the cursor durably, replacing the previous one. */
    void save(String account, String folder, FolderCursor cursor);

    /** A store in memory: fine for tests and one-off imports, lost at exit. */
    static CheckpointStore inMemory() {
        return new InMemoryCheckpointStore();
    }

    /** A crash-safe store of files in {@code directory}, created if missing. */
    static CheckpointStore inDirectory(Path directory) {
        return new FileCheckpointStore(directory);
    }
}
