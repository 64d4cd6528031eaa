package dev.mailbridge.retrieval;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where retrieval stands in one folder of one account: what is done and what must be offered again.
 *
 * @param uidValidity the IMAP folder's UIDVALIDITY when the cursor was written; -1 for POP3
 * @param lastUid every IMAP UID up to this one was handled, skipped as malformed, or is in {@code retryIds}; 0 at
 *     first; unused for POP3
 * @param retryIds messages whose handler failed and that the next run offers again (IMAP UIDs as text)
 * @param handledKeys for POP3 the UIDLs handled; for IMAP fingerprints of the most recently handled messages (Message-ID
 *     and a header hash), to recognise them after the server renumbers the folder
 * @param lastReceivedAt the newest received time among handled IMAP messages, if known
 */
public record FolderCursor(
        long uidValidity,
        long lastUid,
        Set<String> retryIds,
        Set<String> handledKeys,
        @Nullable Instant lastReceivedAt) {
    /** Copies the sets, keeping their order (oldest first), which decides which fingerprints are dropped first. */
    public FolderCursor {
        retryIds = Collections.unmodifiableSet(new LinkedHashSet<>(retryIds));
        handledKeys = Collections.unmodifiableSet(new LinkedHashSet<>(handledKeys));
    }
}
