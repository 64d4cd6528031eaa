package dev.mailbridge.internal.retrieval;

import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.FolderCursor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Cursors in a map; lost when the JVM stops. */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final Map<String, FolderCursor> cursors = new ConcurrentHashMap<>();

    @Override
    public Optional<FolderCursor> load(String account, String folder) {
        return Optional.ofNullable(cursors.get(account + "\n" + folder));
    }

    @Override
    public void save(String account, String folder, FolderCursor cursor) {
        cursors.put(account + "\n" + folder, cursor);
    }
}
