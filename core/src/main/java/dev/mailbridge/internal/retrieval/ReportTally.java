package dev.mailbridge.internal.retrieval;

import dev.mailbridge.retrieval.FolderReport;
import dev.mailbridge.retrieval.MessageFailure;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Counts what a folder run did, for its {@link FolderReport}. */
final class ReportTally {
    private final String folder;
    private int seen;
    private int handled;
    private int archived;
    private int deleted;
    private int markedSeen;
    private final List<MessageFailure> failed = new ArrayList<>();
    private final List<MessageFailure> malformed = new ArrayList<>();
    private boolean uidValidityChanged;
    private int recognised;
    private final Set<String> notes = new LinkedHashSet<>();

    ReportTally(String folder) {
        this.folder = folder;
    }

    void seen(int count) {
        seen = count;
    }

    void handled() {
        handled++;
    }

    void archived(int count) {
        archived += count;
    }

    void deleted(int count) {
        deleted += count;
    }

    void markedSeen(int count) {
        markedSeen += count;
    }

    void failed(String id, String reason) {
        failed.add(new MessageFailure(id, reason));
    }

    void malformed(String id, String reason) {
        malformed.add(new MessageFailure(id, reason));
    }

    void uidValidityChanged(long before, long now) {
        uidValidityChanged = true;
        notes.add("UIDVALIDITY changed from " + before + " to " + now + ": handled mail recognised by fingerprint");
    }

    void recognisedAfterRenumbering() {
        recognised++;
    }

    void note(String note) {
        notes.add(note);
    }

    FolderReport build() {
        if (recognised > 0) {
            notes.add(recognised + " messages handled before the folder was renumbered were recognised and not"
                    + " offered again");
        }
        return new FolderReport(
                folder,
                seen,
                handled,
                archived,
                deleted,
                markedSeen,
                failed,
                malformed,
                uidValidityChanged,
                List.copyOf(notes));
    }
}
