package dev.mailbridge.internal.retrieval;

import dev.mailbridge.internal.sending.AutoReplyClaims;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.CursorLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Cursor logs in a map; lost when the JVM stops. */
public final class InMemoryCheckpointStore implements CheckpointStore {
    /** One folder's log; guarded by itself. */
    private static final class Log {
        String snapshot = "";
        final List<String> entries = new ArrayList<>();
    }

    private final Map<String, Log> logs = new ConcurrentHashMap<>();
    private final Map<String, AutoReplyClaims> autoReplies = new HashMap<>();

    @Override
    public Optional<CursorLog> load(String account, String folder) {
        Log log = logs.get(key(account, folder));
        if (log == null) {
            return Optional.empty();
        }
        synchronized (log) {
            return Optional.of(new CursorLog(log.snapshot, log.entries));
        }
    }

    @Override
    public void append(String account, String folder, String entry) {
        CursorLogLines.requireOneLine(entry);
        Log log = logs.computeIfAbsent(key(account, folder), k -> new Log());
        synchronized (log) {
            log.entries.add(entry);
        }
    }

    @Override
    public void sync(String account, String folder) {
        // memory is as durable as it gets
    }

    @Override
    public void replace(String account, String folder, String snapshot) {
        Log log = logs.computeIfAbsent(key(account, folder), k -> new Log());
        synchronized (log) {
            log.snapshot = snapshot;
            log.entries.clear();
        }
    }

    private static String key(String account, String folder) {
        return account + "\n" + folder;
    }

    @Override
    public boolean claimAutoReply(String account, String recipient, Instant now, Duration period) {
        synchronized (autoReplies) {
            return autoReplies
                    .computeIfAbsent(account, k -> new AutoReplyClaims())
                    .claim(recipient, now, period);
        }
    }

    @Override
    public void releaseAutoReply(String account, String recipient, Instant claimedAt) {
        synchronized (autoReplies) {
            AutoReplyClaims claims = autoReplies.get(account);
            if (claims != null) {
                claims.release(recipient, claimedAt);
            }
        }
    }
}
