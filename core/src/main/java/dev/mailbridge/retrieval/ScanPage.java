package dev.mailbridge.retrieval;

import java.util.List;
import java.util.Objects;

/**
 * One page of a {@link HeaderScan}: summaries in UID order (oldest first), and the cursor to continue after them.
 *
 * @param messages the summaries, at most the scan's page size
 * @param cursor where this page ends; pass it to {@link HeaderScan.Builder#after} for the next page, or store its
 *     {@link ScanCursor#token()} to list only newer mail later
 * @param complete whether no message after this page matched when it was read
 * @param restarted whether the server renumbered the folder since the cursor the scan continued from: this page starts
 *     over from the folder's first message, and the application should treat the folder's earlier references as gone
 */
public record ScanPage(List<MessageSummary> messages, ScanCursor cursor, boolean complete, boolean restarted) {
    /** Copies the list. */
    public ScanPage {
        messages = List.copyOf(messages);
        Objects.requireNonNull(cursor, "cursor");
    }
}
