package dev.mailbridge.testing;

import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.FolderCursor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A directory store whose {@code n}th save throws "simulated crash", as a process killed at that moment would leave the
 * directory: everything saved before is there, that save is not.
 */
public final class CrashingCheckpointStore implements CheckpointStore {
    private final CheckpointStore real;
    private final int crashingSave;
    private final AtomicInteger saves = new AtomicInteger();

    private CrashingCheckpointStore(CheckpointStore real, int crashingSave) {
        this.real = real;
        this.crashingSave = crashingSave;
    }

    /** Saves into {@code directory} until the {@code n}th save, which throws. */
    public static CheckpointStore crashingOnSave(Path directory, int n) {
        return new CrashingCheckpointStore(CheckpointStore.inDirectory(directory), n);
    }

    @Override
    public Optional<FolderCursor> load(String accountKey, String folder) {
        return real.load(accountKey, folder);
    }

    @Override
    public void save(String accountKey, String folder, FolderCursor cursor) {
        if (saves.incrementAndGet() == crashingSave) {
            throw new IllegalStateException("simulated crash");
        }
        real.save(accountKey, folder, cursor);
    }

    @Override
    public boolean claimAutoReply(String account, String recipient, Instant now, Duration period) {
        return real.claimAutoReply(account, recipient, now, period);
    }

    @Override
    public void releaseAutoReply(String account, String recipient, Instant claimedAt) {
        real.releaseAutoReply(account, recipient, claimedAt);
    }
}
