package dev.mailbridge.retrieval;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link CheckpointStore} holds for one account and folder: the last snapshot written with {@link
 * CheckpointStore#replace} and the entries appended after it, oldest first. Both are Mailbridge's own text, one line
 * each entry; a store keeps them exactly and never needs to read them.
 *
 * @param snapshot the cursor as last written whole
 * @param entries the changes recorded since, in the order they were appended
 */
public record CursorLog(String snapshot, List<String> entries) {
    /** Copies the entries. */
    public CursorLog {
        Objects.requireNonNull(snapshot, "snapshot");
        entries = List.copyOf(entries);
    }
}
