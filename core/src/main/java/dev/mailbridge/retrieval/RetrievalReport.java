package dev.mailbridge.retrieval;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a retrieval run did, folder by folder.
 *
 * @param folders one report per folder, in the order asked
 * @param duration how long the run took
 */
public record RetrievalReport(List<FolderReport> folders, Duration duration) {
    /** Copies the list. */
    public RetrievalReport {
        folders = List.copyOf(folders);
        Objects.requireNonNull(duration, "duration");
    }

    /** Messages handled in all folders. */
    public int handled() {
        return folders.stream().mapToInt(FolderReport::handled).sum();
    }

    /** Messages whose handler failed, in all folders. */
    public int failed() {
        return folders.stream().mapToInt(f -> f.failed().size()).sum();
    }
}
