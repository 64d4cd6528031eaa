package dev.mailbridge.internal.retrieval;

import dev.mailbridge.retrieval.CheckpointStore;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Writes one folder's cursor changes to its {@link CheckpointStore} log: each change as one appended entry, and a new
 * snapshot once the entries since the last one outnumber what the snapshot holds, so a change costs the same however
 * large the folder is (a snapshot is written after at least as many entries as it is long).
 */
final class CursorJournal {
    /** Entries always allowed before a snapshot is rewritten, so a small cursor is not rewritten every few messages. */
    private static final int MIN_ENTRIES = 1_000;

    private final CheckpointStore store;
    private final String account;
    private final String folder;
    private final Supplier<String> snapshot;
    private final IntSupplier weight;
    private int entries;

    /**
     * @param entriesSinceSnapshot entries the log held when it was loaded
     * @param snapshot the cursor's snapshot text now
     * @param weight how large the snapshot is, in entries
     */
    CursorJournal(
            CheckpointStore store,
            String account,
            String folder,
            int entriesSinceSnapshot,
            Supplier<String> snapshot,
            IntSupplier weight) {
        this.store = store;
        this.account = account;
        this.folder = folder;
        this.entries = entriesSinceSnapshot;
        this.snapshot = snapshot;
        this.weight = weight;
    }

    /** Records an entry the cursor already applied. */
    void record(String entry) {
        store.append(account, folder, entry);
        entries++;
        if (entries >= MIN_ENTRIES + weight.getAsInt()) {
            rewrite();
        }
    }

    /** Makes what was recorded survive a power loss; before the mailbox is changed, and after each batch. */
    void sync() {
        store.sync(account, folder);
    }

    /** Writes the whole cursor as a new snapshot. */
    void rewrite() {
        store.replace(account, folder, snapshot.get());
        entries = 0;
    }
}
