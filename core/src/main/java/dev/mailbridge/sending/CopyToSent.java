package dev.mailbridge.sending;

/** Whether Mailbridge appends a copy of each sent message to the mailbox's Sent folder. */
public enum CopyToSent {
    /**
     * Append unless the mailbox's provider files submitted mail in Sent itself (Gmail, Microsoft 365). Mail sent through
     * a {@link SharedSmtp} is always appended, because the mailbox's provider never saw it.
     */
    AUTO,
    /** Always append, even where the provider keeps a copy itself (which then appears twice). */
    ALWAYS,
    /** Never append. */
    NEVER
}
