package dev.mailbridge.retrieval;

import java.util.List;
import java.util.Objects;

/**
 * What one retrieval run did in one folder.
 *
 * @param folder the folder's full name on the server
 * @param seen new messages found after the checkpoint (before the cap)
 * @param handled messages the handler accepted
 * @param archived handled messages moved to the archive folder
 * @param deleted handled messages deleted (or moved to Trash where delete only removes a label)
 * @param markedSeen handled messages flagged as read
 * @param failed messages whose handler threw; untouched and offered again next run
 * @param malformed messages so broken that nothing could be read; reported, skipped and not offered again
 * @param uidValidityChanged whether the server renumbered the folder since the last run
 * @param notes what else the run noticed (a fallback taken, a folder created)
 */
public record FolderReport(
        String folder,
        int seen,
        int handled,
        int archived,
        int deleted,
        int markedSeen,
        List<MessageFailure> failed,
        List<MessageFailure> malformed,
        boolean uidValidityChanged,
        List<String> notes) {
    /** Copies the lists. */
    public FolderReport {
        Objects.requireNonNull(folder, "folder");
        failed = List.copyOf(failed);
        malformed = List.copyOf(malformed);
        notes = List.copyOf(notes);
    }
}
