package dev.mailbridge.internal.retrieval;

import dev.mailbridge.internal.sending.AutoReplyClaims;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.FolderCursor;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Cursors in a map; lost when the JVM stops. */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final Map<String, FolderCursor> cursors = new ConcurrentHashMap<>();
    private final Map<String, AutoReplyClaims> autoReplies = new HashMap<>();

    @Override
    public Optional<FolderCursor> load(String account, String folder) {
        return Optional.ofNullable(cursors.get(account + "\n" + folder));
    }

    @Override
    public void save(String account, String folder, FolderCursor cursor) {
        cursors.put(account + "\n" + folder, cursor);
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
