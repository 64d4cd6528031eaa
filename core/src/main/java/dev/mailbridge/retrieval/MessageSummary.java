package dev.mailbridge.retrieval;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One message as a header-first scan lists it: who wrote to whom, when, in which thread, how big, with which flags,
 * without its body. Enough to match contacts and conversations before deciding which bodies to fetch ({@link #ref()}
 * names the message for {@code MailboxClient.fetchMessages}). Immutable; fields are decoded as {@link
 * RetrievedMessage}'s are, by the same code, so a summary and the whole message agree.
 */
public final class MessageSummary {
    private final Builder b;

    private MessageSummary(Builder b) {
        this.b = b;
    }

    /** For Mailbridge's scan; applications receive summaries, they do not build them. */
    public static Builder newBuilder(MessageRef ref) {
        return new Builder(ref);
    }

    /** The folder, UIDVALIDITY and UID that name this message on the server. */
    public MessageRef ref() {
        return b.ref;
    }

    /** The folder's full name on the server. */
    public String folder() {
        return b.ref.folder();
    }

    /** The IMAP UID. */
    public long uid() {
        return b.ref.uid();
    }

    /** The folder's UIDVALIDITY. */
    public long uidValidity() {
        return b.ref.uidValidity();
    }

    /** The flags as the server reported them ({@code \Seen}, {@code \Flagged}, keywords). */
    public Set<String> flags() {
        return b.flags;
    }

    /** The size of the whole message in bytes, as the server reports it (RFC822.SIZE). */
    public long size() {
        return b.size;
    }

    /** When the server received it (IMAP INTERNALDATE), if known. */
    public Optional<Instant> receivedAt() {
        return Optional.ofNullable(b.receivedAt);
    }

    /** The Date header, if present and parseable. */
    public Optional<Instant> sentAt() {
        return Optional.ofNullable(b.sentAt);
    }

    /** The From addresses. */
    public List<MailAddress> from() {
        return b.from;
    }

    /** The Sender address, if present. */
    public Optional<MailAddress> sender() {
        return Optional.ofNullable(b.sender);
    }

    /** The Reply-To addresses. */
    public List<MailAddress> replyTo() {
        return b.replyTo;
    }

    /** The To addresses. */
    public List<MailAddress> to() {
        return b.to;
    }

    /** The Cc addresses. */
    public List<MailAddress> cc() {
        return b.cc;
    }

    /** The Bcc addresses, which only a copy the mailbox sent (in Sent) usually carries. */
    public List<MailAddress> bcc() {
        return b.bcc;
    }

    /** The decoded subject, empty if missing. */
    public String subject() {
        return b.subject;
    }

    /** The Message-ID without angle brackets, if present. */
    public Optional<String> messageId() {
        return Optional.ofNullable(b.messageId);
    }

    /** The In-Reply-To message ids, without angle brackets. */
    public List<String> inReplyTo() {
        return b.inReplyTo;
    }

    /** The References message ids in order, without angle brackets. */
    public List<String> references() {
        return b.references;
    }

    /** The provider's own stable id of the message where the server offers one (Gmail's X-GM-MSGID). */
    public Optional<String> providerMessageId() {
        return Optional.ofNullable(b.providerMessageId);
    }

    /** The provider's thread id where the server offers one (Gmail's X-GM-THRID). */
    public Optional<String> providerThreadId() {
        return Optional.ofNullable(b.providerThreadId);
    }

    /** What could not be read in the header (a broken address, an unknown charset); empty when all of it could. */
    public List<String> parseProblems() {
        return b.parseProblems;
    }

    @Override
    public String toString() {
        return "MessageSummary[" + b.ref.folder() + " uid " + b.ref.uid() + ", " + b.size + " bytes, message-id "
                + b.messageId + "]";
    }

    /** Builds a {@link MessageSummary}; for Mailbridge's scan. */
    public static final class Builder {
        private final MessageRef ref;
        private Set<String> flags = Set.of();
        private long size;
        private @Nullable Instant receivedAt;
        private @Nullable Instant sentAt;
        private List<MailAddress> from = List.of();
        private @Nullable MailAddress sender;
        private List<MailAddress> replyTo = List.of();
        private List<MailAddress> to = List.of();
        private List<MailAddress> cc = List.of();
        private List<MailAddress> bcc = List.of();
        private String subject = "";
        private @Nullable String messageId;
        private List<String> inReplyTo = List.of();
        private List<String> references = List.of();
        private @Nullable String providerMessageId;
        private @Nullable String providerThreadId;
        private List<String> parseProblems = List.of();

        private Builder(MessageRef ref) {
            this.ref = Objects.requireNonNull(ref, "ref");
        }

        /** Flags, size and INTERNALDATE as the server reported them. */
        public Builder state(Set<String> flags, long size, @Nullable Instant receivedAt) {
            this.flags = Set.copyOf(flags);
            this.size = size;
            this.receivedAt = receivedAt;
            return this;
        }

        /** The header's addresses. */
        public Builder addresses(
                List<MailAddress> from,
                @Nullable MailAddress sender,
                List<MailAddress> replyTo,
                List<MailAddress> to,
                List<MailAddress> cc,
                List<MailAddress> bcc) {
            this.from = List.copyOf(from);
            this.sender = sender;
            this.replyTo = List.copyOf(replyTo);
            this.to = List.copyOf(to);
            this.cc = List.copyOf(cc);
            this.bcc = List.copyOf(bcc);
            return this;
        }

        /** Subject, Message-ID, Date and the threading ids. */
        public Builder header(
                String subject,
                @Nullable String messageId,
                @Nullable Instant sentAt,
                List<String> inReplyTo,
                List<String> references) {
            this.subject = Objects.requireNonNull(subject, "subject");
            this.messageId = messageId;
            this.sentAt = sentAt;
            this.inReplyTo = List.copyOf(inReplyTo);
            this.references = List.copyOf(references);
            return this;
        }

        /** The provider's message and thread ids, where it has them. */
        public Builder providerIds(@Nullable String messageId, @Nullable String threadId) {
            this.providerMessageId = messageId;
            this.providerThreadId = threadId;
            return this;
        }

        /** What could not be read. */
        public Builder parseProblems(List<String> problems) {
            this.parseProblems = List.copyOf(problems);
            return this;
        }

        public MessageSummary build() {
            return new MessageSummary(this);
        }
    }
}
