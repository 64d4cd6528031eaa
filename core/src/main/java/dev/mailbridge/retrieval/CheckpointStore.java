package dev.mailbridge.retrieval;

import dev.mailbridge.internal.retrieval.FileCheckpointStore;
import dev.mailbridge.internal.retrieval.InMemoryCheckpointStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps where retrieval stands in each folder of each account, so a restarted application neither loses nor repeats
 * mail, and the auto-replies each account sent, so a restarted application does not answer the same sender twice.
 *
 * <p>A folder's cursor is a log: a snapshot, and short entries appended after it, one per handled message ("UID 4711
 * handled, archive pending"), so recording a message costs the same in a folder of ten messages and of a million.
 * Retrieval writes a new snapshot (and so drops the entries) when the entries outgrow it. The text of both is
 * Mailbridge's; a store only keeps it, which makes a store for the application's own database a table of rows:
 *
 * <pre>{@code
 * load     SELECT snapshot, entries of (account, folder), entries in append order
 * append   INSERT one entry, committed before returning
 * replace  in one transaction: write the snapshot, DELETE the folder's entries
 * }</pre>
 *
 * <p>Durability, which is what "nothing lost, at most one repeated" rests on: an entry appended must survive the
 * process being killed once {@code append} returns; {@link #sync} makes every entry appended so far survive a power
 * loss too. Retrieval syncs before it changes the mailbox (moves, deletes, flags) and after each batch, so after a
 * kill at most the message in flight is offered again and after a power loss at most one batch. Implementations must
 * be thread-safe; retrieval never runs two writers for the same account and folder at once.
 *
 * <p>{@link #inDirectory(Path)} is the store to use in production: two small files per account and folder.
 * {@link #inMemory()} forgets everything when the JVM stops.
 */
public interface CheckpointStore {
    /** The folder's log, if anything was recorded for {@code account} and {@code folder}. */
    Optional<CursorLog> load(String account, String folder);

    /**
     * Appends one entry (one line of text, no line break) to the folder's log. Must survive the process being killed
     * once this returns.
     */
    void append(String account, String folder, String entry);

    /** Makes every entry appended to the folder's log survive a power loss (an fsync); may do nothing if they do. */
    void sync(String account, String folder);

    /** Replaces the folder's log with {@code snapshot} and no entries, atomically and durably. */
    void replace(String account, String folder, String snapshot);

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
