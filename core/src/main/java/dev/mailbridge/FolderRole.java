package dev.mailbridge;

/**
 * What a folder is for, independent of what a provider calls it (RFC 6154 special-use roles plus the inbox). Gmail's
 * Sent folder is {@code [Gmail]/Sent Mail}, Microsoft's is {@code Sent Items}; code asks for {@link #SENT}.
 */
public enum FolderRole {
    /** The inbox. */
    INBOX,
    /** Sent mail ({@code \Sent}). */
    SENT,
    /** Archived mail ({@code \Archive}). */
    ARCHIVE,
    /** Deleted mail ({@code \Trash}). */
    TRASH,
    /** Drafts ({@code \Drafts}). */
    DRAFTS,
    /** Spam ({@code \Junk}). */
    JUNK,
    /** Every message, as Gmail's {@code [Gmail]/All Mail} ({@code \All}). */
    ALL
}
