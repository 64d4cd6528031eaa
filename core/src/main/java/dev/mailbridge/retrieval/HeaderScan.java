package dev.mailbridge.retrieval;

import dev.mailbridge.FolderRole;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A header-first scan of one IMAP folder: its messages' summaries (addresses, dates, subject, threading ids, flags,
 * size) without bodies, oldest first, a page at a time. What a CRM needs to match contacts and conversations over years
 * of mail before it fetches the bodies it keeps.
 *
 * <pre>{@code
 * HeaderScan scan = HeaderScan.newBuilder().folder("INBOX").since(Instant.now().minus(Duration.ofDays(365))).build();
 * ScanPage page = client.scan(account, scan);
 * while (true) {
 *     page.messages().forEach(crm::matchContacts);
 *     store.save(page.cursor().token());              // continue here after a restart
 *     if (page.complete()) break;
 *     page = client.scan(account, scan.toBuilder().after(page.cursor()).build());
 * }
 * client.fetchMessages(account, wanted, crm::importBody); // bodies by MessageRef, in batches
 * }</pre>
 *
 * <p>{@code MailboxClient.scanAll} lists every page on one connection instead, handing each summary to a consumer;
 * memory stays at one page whatever the folder's size. A scan only reads: it never changes flags or the folder.
 */
public final class HeaderScan {
    private final Retrieval.FolderSelector folder;
    private final @Nullable Instant since;
    private final int pageSize;
    private final @Nullable ScanCursor after;

    private HeaderScan(Builder b) {
        this.folder = b.folder;
        this.since = b.since;
        this.pageSize = b.pageSize;
        this.after = b.after;
    }

    /** A scan of INBOX, 500 summaries a page, all of the folder. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder holding this scan's settings, to continue after a cursor or change one setting. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.folder = folder;
        b.since = since;
        b.pageSize = pageSize;
        b.after = after;
        return b;
    }

    /** The folder, by name or role. */
    public Retrieval.FolderSelector folder() {
        return folder;
    }

    /** Only messages the server received on or after this day (IMAP SINCE compares dates, not times). */
    public Optional<Instant> since() {
        return Optional.ofNullable(since);
    }

    /** Summaries per page (one round trip each). */
    public int pageSize() {
        return pageSize;
    }

    /** Where to continue: only messages after this cursor are listed. */
    public Optional<ScanCursor> after() {
        return Optional.ofNullable(after);
    }

    /** Builds a {@link HeaderScan}; each setter checks its value at once. */
    public static final class Builder {
        private Retrieval.FolderSelector folder = new Retrieval.FolderSelector("INBOX", null);
        private @Nullable Instant since;
        private int pageSize = 500;
        private @Nullable ScanCursor after;

        private Builder() {}

        /** The folder by name ({@code INBOX}, {@code Support/Tickets}); INBOX by default. */
        public Builder folder(String name) {
            Objects.requireNonNull(name, "folder");
            if (name.isBlank()) {
                throw new IllegalArgumentException("folder is blank: give a name such as INBOX");
            }
            this.folder = new Retrieval.FolderSelector(name.strip(), null);
            return this;
        }

        /** The folder by role ({@link FolderRole#SENT}), found by the profile's name or the server's flags. */
        public Builder folder(FolderRole role) {
            this.folder = new Retrieval.FolderSelector(null, Objects.requireNonNull(role, "role"));
            return this;
        }

        /** Only messages received on or after this instant's day (UTC); everything by default. */
        public Builder since(Instant since) {
            this.since = Objects.requireNonNull(since, "since");
            return this;
        }

        /** Summaries per page, 1 to 5000; 500 by default. */
        public Builder pageSize(int size) {
            if (size < 1 || size > 5000) {
                throw new IllegalArgumentException("pageSize is " + size + "; it must be 1 to 5000");
            }
            this.pageSize = size;
            return this;
        }

        /**
         * Continue after {@code cursor}, which a {@link ScanPage} of the same folder returned (or {@link
         * ScanCursor#fromToken} read back).
         */
        public Builder after(ScanCursor cursor) {
            this.after = Objects.requireNonNull(cursor, "after");
            return this;
        }

        /** Builds the scan. */
        public HeaderScan build() {
            return new HeaderScan(this);
        }
    }
}
