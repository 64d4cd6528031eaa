package dev.mailbridge.testing;

import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.CursorLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A directory store whose {@code n}th append throws "simulated crash", as a process killed at that moment would leave
 * the directory: everything recorded before is there, that entry is not.
 */
public final class CrashingCheckpointStore implements CheckpointStore {
    private final CheckpointStore real;
    private final int crashingAppend;
    private final AtomicInteger appends = new AtomicInteger();

    private CrashingCheckpointStore(CheckpointStore real, int crashingAppend) {
        this.real = real;
        this.crashingAppend = crashingAppend;
    }

    /** Records into {@code directory} until the {@code n}th append, which throws. */
    public static CheckpointStore crashingOnAppend(Path directory, int n) {
        return new CrashingCheckpointStore(CheckpointStore.inDirectory(directory), n);
    }

    @Override
    public Optional<CursorLog> load(String account, String folder) {
        return real.load(account, folder);
    }

    @Override
    public void append(String account, String folder, String entry) {
        if (appends.incrementAndGet() == crashingAppend) {
            throw new IllegalStateException("simulated crash");
        }
        real.append(account, folder, entry);
    }

    @Override
    public void sync(String account, String folder) {
        real.sync(account, folder);
    }

    @Override
    public void replace(String account, String folder, String snapshot) {
        real.replace(account, folder, snapshot);
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
