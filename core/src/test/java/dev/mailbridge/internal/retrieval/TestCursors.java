package dev.mailbridge.internal.retrieval;

import dev.mailbridge.retrieval.CursorLog;
import java.util.List;

/** Cursor snapshots for tests that start a folder from a given state, written as retrieval writes them. */
public final class TestCursors {
    private TestCursors() {}

    /** An IMAP cursor under which every UID up to {@code floor} was handled long ago. */
    public static String imapFloor(long uidValidity, long floor) {
        ImapCursor cursor = ImapCursor.fresh(uidValidity, null);
        cursor.offered(floor, new UidSet());
        return cursor.snapshot();
    }

    /** The cursor {@code log} describes, as if the server had renumbered the folder to {@code uidValidity} since. */
    public static String renumbered(CursorLog log, long uidValidity) {
        ImapCursor cursor = ImapCursor.read(log);
        if (cursor == null) {
            throw new IllegalArgumentException("no cursor in " + log);
        }
        String snapshot = cursor.snapshot();
        return snapshot.replaceFirst("(?m)^uidvalidity=.*$", "uidvalidity=" + uidValidity);
    }

    /** What the IMAP cursor in {@code log} holds, for assertions: floor, retry, pending and remembered messages. */
    public static List<String> describe(CursorLog log) {
        ImapCursor cursor = ImapCursor.read(log);
        if (cursor == null) {
            return List.of();
        }
        return List.of(
                "floor=" + cursor.floor(),
                "retry=" + cursor.retry(),
                "pending=" + cursor.pendingUids(),
                "weight=" + cursor.weight());
    }
}
