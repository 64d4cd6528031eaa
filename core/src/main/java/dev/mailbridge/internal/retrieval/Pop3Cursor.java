package dev.mailbridge.internal.retrieval;

import dev.mailbridge.retrieval.CursorLog;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where retrieval stands in a POP3 maildrop: the UIDLs of the handled messages still on the server. With the delete
 * policy those are the deletions to make, since POP3 deletes only at a clean QUIT. An entry {@code h UIDL} records one
 * handled message; the snapshot lists them all, one per line. UIDLs are printable ASCII without spaces (RFC 1939).
 */
final class Pop3Cursor {
    private static final String SNAPSHOT_MAGIC = "pop3 2";

    private final Set<String> handled = new LinkedHashSet<>();

    boolean handled(String uidl) {
        return handled.contains(uidl);
    }

    Set<String> handledUidls() {
        return handled;
    }

    int weight() {
        return handled.size() + 16;
    }

    String handle(String uidl) {
        String entry = "h " + uidl;
        apply(entry);
        return entry;
    }

    /** Forgets every UIDL not in {@code onServer}: those messages are gone and their UIDLs may be reused. */
    void retainOnly(Set<String> onServer) {
        handled.retainAll(onServer);
    }

    void apply(String entry) {
        if (!entry.startsWith("h ")) {
            throw new IllegalStateException("unknown POP3 cursor entry: " + entry);
        }
        handled.add(entry.substring(2));
    }

    String snapshot() {
        StringBuilder text = new StringBuilder(SNAPSHOT_MAGIC);
        for (String uidl : handled) {
            text.append("\nhandled=").append(uidl);
        }
        return text.toString();
    }

    static Pop3Cursor read(CursorLog log) {
        Pop3Cursor cursor = new Pop3Cursor();
        String snapshot = log.snapshot();
        if (!snapshot.isEmpty()) {
            String[] lines = snapshot.split("\n", -1);
            if (!lines[0].equals(SNAPSHOT_MAGIC) && !lines[0].equals("mailbridge-cursor 1")) {
                throw new IllegalStateException("not a POP3 cursor: " + lines[0]);
            }
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].startsWith("handled=")) {
                    cursor.handled.add(lines[i].substring("handled=".length()));
                }
            }
        }
        for (String entry : log.entries()) {
            cursor.apply(entry);
        }
        return cursor;
    }
}
