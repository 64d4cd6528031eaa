package dev.mailbridge.retrieval;

import dev.mailbridge.internal.retrieval.FileCheckpointStore;
import dev.mailbridge.internal.retrieval.InMemoryCheckpointStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps a {@link FolderCursor} per account and folder, so a restarted application neither loses nor repeats mail, and
 * the auto-replies each account sent, so a restarted application does not answer the same sender twice. Retrieval
 * writes the cursor after each handled message. Implementations must be thread-safe and make each save
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

    /**
     * Records that {@code account} auto-replies to {@code recipient} at {@code now}, unless it already did within
     * {@code period}. Must be atomic: of two callers racing for the same recipient, exactly one may win, or both
     * would answer.
     *
     * @return whether this caller may send the auto-reply
     */
    boolean claimAutoReply(String account, String recipient, Instant now, Duration period);

    /** Gives back a claim made at {@code claimedAt} whose reply was not sent, so the recipient can get one later. */
    void releaseAutoReply(String account, String recipient, Instant claimedAt);

    /** A store in memory: fine for tests and one-off imports, lost at exit. */
    static CheckpointStore inMemory() {
        return new InMemoryCheckpointStore();
    }

    /** A crash-safe store of files in {@code directory}, created if missing. */
    static CheckpointStore inDirectory(Path directory) {
        return new FileCheckpointStore(directory);
    }
}
