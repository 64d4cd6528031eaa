package dev.mailbridge.retrieval;

import dev.mailbridge.FolderRole;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What happens to a message on the server after the handler accepted it. Nothing happens to a message whose handler
 * threw: it stays as it was and is offered again next run.
 */
public final class AfterHandling {
    /** The kinds of policy. */
    public enum Kind {
        /** Move to an archive folder (IMAP MOVE, or COPY + UID EXPUNGE of exactly that message). */
        ARCHIVE,
        /** Delete (for providers whose delete only removes a label, such as Gmail: move to Trash). */
        DELETE,
        /** Set the {@code \Seen} flag. */
        MARK_SEEN,
        /** Change nothing; the checkpoint alone prevents handling it twice. */
        LEAVE
    }

    private static final AfterHandling DELETE = new AfterHandling(Kind.DELETE, null);
    private static final AfterHandling MARK_SEEN = new AfterHandling(Kind.MARK_SEEN, null);
    private static final AfterHandling LEAVE = new AfterHandling(Kind.LEAVE, null);
    private static final AfterHandling ARCHIVE = new AfterHandling(Kind.ARCHIVE, null);

    private final Kind kind;
    private final @Nullable String archiveFolder;

    private AfterHandling(Kind kind, @Nullable String archiveFolder) {
        this.kind = kind;
        this.archiveFolder = archiveFolder;
    }

    /** Moves handled messages to the account's archive folder ({@link FolderRole#ARCHIVE}), created if missing. */
    public static AfterHandling archive() {
        return ARCHIVE;
    }

    /**
     * Moves handled messages to {@code folder}, created if missing. Use {@code /} between levels; it is translated to
     * the server's hierarchy separator and the personal namespace prefix is added where the server needs one.
     */
    public static AfterHandling archiveTo(String folder) {
        Objects.requireNonNull(folder, "folder");
        if (folder.isBlank()) {
            throw new IllegalArgumentException("archive folder is blank: give a folder name such as Processed");
        }
        return new AfterHandling(Kind.ARCHIVE, folder.strip());
    }

    /** Deletes handled messages. */
    public static AfterHandling delete() {
        return DELETE;
    }

    /** Marks handled messages as read. */
    public static AfterHandling markSeen() {
        return MARK_SEEN;
    }

    /** Leaves handled messages untouched. */
    public static AfterHandling leave() {
        return LEAVE;
    }

    /** The kind of policy. */
    public Kind kind() {
        return kind;
    }

    /** The archive folder named by {@link #archiveTo}, if any; empty means the account's archive role folder. */
    public Optional<String> archiveFolder() {
        return Optional.ofNullable(archiveFolder);
    }

    @Override
    public String toString() {
        return archiveFolder == null ? kind.toString() : kind + " to " + archiveFolder;
    }
}
