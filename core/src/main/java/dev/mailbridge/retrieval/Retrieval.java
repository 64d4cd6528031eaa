package dev.mailbridge.retrieval;

import dev.mailbridge.FolderRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one retrieval run does: which folders, how many new messages per folder, how far back, in which order, and what
 * happens to each message after the handler accepted it.
 *
 * <pre>{@code
 * Retrieval retrieval = Retrieval.newBuilder()
 *         .folders("INBOX")
 *         .maxPerFolder(200)
 *         .backfill(Duration.ofDays(14))
 *         .afterHandling(AfterHandling.archive())
 *         .build();
 * RetrievalReport report = client.retrieve(account, retrieval, message -> tickets.create(message));
 * }</pre>
 *
 * <p>"New" means after the folder's checkpoint, not unread: a mailbox full of read mail still yields its new messages.
 */
public final class Retrieval {
    /** The order messages are handed to the handler in. */
    public enum Order {
        /** Oldest first (by UID): a capped run continues where the last one stopped. */
        OLDEST_FIRST,
        /** Newest first: a capped run shows the latest mail first; older mail follows in later runs. */
        NEWEST_FIRST
    }

    /** A folder named directly or by its role. */
    public record FolderSelector(
            @Nullable String name, @Nullable FolderRole role) {
        /** Checks that exactly one of name and role is given. */
        public FolderSelector {
            if ((name == null) == (role == null)) {
                throw new IllegalArgumentException("give a folder name or a role, not both or neither");
            }
        }

        @Override
        public String toString() {
            return name != null ? name : "role " + role;
        }
    }

    private final List<FolderSelector> folders;
    private final int maxPerFolder;
    private final @Nullable Duration backfill;
    private final Order order;
    private final AfterHandling afterHandling;
    private final int batchSize;
    private final long attachmentSizeLimit;
    private final long textSizeLimit;

    private Retrieval(Builder b) {
        this.folders = b.folders.isEmpty() ? List.of(new FolderSelector("INBOX", null)) : List.copyOf(b.folders);
        this.maxPerFolder = b.maxPerFolder;
        this.backfill = b.backfill;
        this.order = b.order;
        this.afterHandling = b.afterHandling;
        this.batchSize = b.batchSize;
        this.attachmentSizeLimit = b.attachmentSizeLimit;
        this.textSizeLimit = b.textSizeLimit;
    }

    /** INBOX, at most 100 messages, no backfill limit, oldest first, leave. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The folders, in order; {@code INBOX} when none were named. */
    public List<FolderSelector> folders() {
        return folders;
    }

    /** The most messages handed out per folder in one run. */
    public int maxPerFolder() {
        return maxPerFolder;
    }

    /** How far back to look on the first run of a folder, if limited. */
    public Optional<Duration> backfill() {
        return Optional.ofNullable(backfill);
    }

    /** The order. */
    public Order order() {
        return order;
    }

    /** What happens after the handler accepted a message. */
    public AfterHandling afterHandling() {
        return afterHandling;
    }

    /** How many messages are fetched per round trip; memory is bounded by this, not by the folder. */
    public int batchSize() {
        return batchSize;
    }

    /** Attachments larger than this many bytes are described but their content is not kept. */
    public long attachmentSizeLimit() {
        return attachmentSizeLimit;
    }

    /**
     * Text and HTML bodies longer than this many bytes (decoded, before the charset) are cut there, with a note in the
     * message's parse problems; the whole message stays in {@link RetrievedMessage#rawSource()}.
     */
    public long textSizeLimit() {
        return textSizeLimit;
    }

    /** Builds a {@link Retrieval}; each setter checks its value at once. */
    public static final class Builder {
        private final List<FolderSelector> folders = new ArrayList<>();
        private int maxPerFolder = 100;
        private @Nullable Duration backfill;
        private Order order = Order.OLDEST_FIRST;
        private AfterHandling afterHandling = AfterHandling.leave();
        private int batchSize = 50;
        private long attachmentSizeLimit = 25L * 1024 * 1024;
        private long textSizeLimit = 4L * 1024 * 1024;

        private Builder() {}

        /** Adds folders by name ({@code INBOX}, {@code Support/Tickets}); {@code /} separates levels. */
        public Builder folders(String... names) {
            for (String name : names) {
                Objects.requireNonNull(name, "folder name");
                if (name.isBlank()) {
                    throw new IllegalArgumentException("folder name is blank: give a name such as INBOX");
                }
                folders.add(new FolderSelector(name.strip(), null));
            }
            return this;
        }

        /** Adds a folder by role ({@link FolderRole#SENT}), found by the profile's name or the server's flags. */
        public Builder folder(FolderRole role) {
            folders.add(new FolderSelector(null, Objects.requireNonNull(role, "role")));
            return this;
        }

        /** At most this many messages per folder per run; 100 by default. */
        public Builder maxPerFolder(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxPerFolder is " + max + "; it must be at least 1");
            }
            this.maxPerFolder = max;
            return this;
        }

        /** Only mail received within this period before the run ("the last 14 days"). */
        public Builder backfill(Duration window) {
            Objects.requireNonNull(window, "backfill");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("backfill is " + window + "; it must be positive");
            }
            this.backfill = window;
            return this;
        }

        /** The order; oldest first by default. */
        public Builder order(Order order) {
            this.order = Objects.requireNonNull(order, "order");
            return this;
        }

        /** What happens after the handler accepted a message; {@link AfterHandling#leave()} by default. */
        public Builder afterHandling(AfterHandling policy) {
            this.afterHandling = Objects.requireNonNull(policy, "afterHandling");
            return this;
        }

        /** Messages fetched per round trip, 1 to 1000; 50 by default. */
        public Builder batchSize(int size) {
            if (size < 1 || size > 1000) {
                throw new IllegalArgumentException("batchSize is " + size + "; it must be 1 to 1000");
            }
            this.batchSize = size;
            return this;
        }

        /** Attachments over this size are described without content; 25 MiB by default. */
        public Builder attachmentSizeLimit(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("attachmentSizeLimit is " + bytes + "; it must be 0 or more");
            }
            this.attachmentSizeLimit = bytes;
            return this;
        }

        /** Text and HTML bodies over this size are cut, with a note; 4 MiB by default. */
        public Builder textSizeLimit(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("textSizeLimit is " + bytes + "; it must be at least 1024 bytes");
            }
            this.textSizeLimit = bytes;
            return this;
        }

        /** Builds the retrieval. */
        public Retrieval build() {
            return new Retrieval(this);
        }
    }
}
