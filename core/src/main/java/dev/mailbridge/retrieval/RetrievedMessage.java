package dev.mailbridge.retrieval;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A retrieved message: a detached, immutable snapshot that stays valid after the connection closes. Headers are decoded
 * (RFC 2047, any charset the JVM knows), bodies decoded to strings, attachments decoded to bytes.
 *
 * <p>Parsing is lenient: a message with a broken address, MIME structure or charset is still delivered with what could
 * be read, and {@link #parseProblems()} says what could not. {@link #rawSource()} always has the exact bytes.
 */
public final class RetrievedMessage {
    private final Builder b;

    private RetrievedMessage(Builder b) {
        this.b = b;
    }

    /** For Mailbridge's retrieval; applications receive messages, they do not build them. */
    public static Builder newBuilder(String folder, String id, byte[] rawSource) {
        return new Builder(folder, id, rawSource);
    }

    /** The folder it was read from ({@code INBOX} for POP3). */
    public String folder() {
        return b.folder;
    }

    /** The server's stable id: the IMAP UID as text, or the POP3 UIDL. */
    public String id() {
        return b.id;
    }

    /** The IMAP UID, or -1 for POP3. */
    public long uid() {
        return b.uid;
    }

    /** The folder's UIDVALIDITY, or -1 for POP3. */
    public long uidValidity() {
        return b.uidValidity;
    }

    /** The size of the raw message in bytes. */
    public long size() {
        return b.rawSource.length;
    }

    /** The flags as the server reported them ({@code \Seen}, {@code \Flagged}, keywords), before any policy. */
    public Set<String> flags() {
        return b.flags;
    }

    /** When the server received it (IMAP INTERNALDATE), if known. */
    public Optional<Instant> receivedAt() {
        return Optional.ofNullable(b.receivedAt);
    }

    /** The Date header, if present and parseable. */
    public Optional<Instant> sentAt() {
        return Optional.ofNullable(b.sentAt);
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

    /** From (usually one). */
    public List<MailAddress> from() {
        return b.from;
    }

    /** Sender, if present. */
    public Optional<MailAddress> sender() {
        return Optional.ofNullable(b.sender);
    }

    /** Reply-To. */
    public List<MailAddress> replyTo() {
        return b.replyTo;
    }

    /** To. */
    public List<MailAddress> to() {
        return b.to;
    }

    /** Cc. */
    public List<MailAddress> cc() {
        return b.cc;
    }

    /** The decoded subject, or an empty string. */
    public String subject() {
        return b.subject;
    }

    /** The plain-text body, if the message has one. */
    public Optional<String> textBody() {
        return Optional.ofNullable(b.textBody);
    }

    /** The HTML body, if the message has one. */
    public Optional<String> htmlBody() {
        return Optional.ofNullable(b.htmlBody);
    }

    /** Attachments and inline parts, in message order. */
    public List<Attachment> attachments() {
        return b.attachments;
    }

    /** The value of the first header with this name (raw, unfolded), if present. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(b.headerLookup.apply(name));
    }

    /** What could not be parsed; empty for a well-formed message. */
    public List<String> parseProblems() {
        return b.parseProblems;
    }

    /** Whether anything could not be parsed. */
    public boolean malformed() {
        return !b.parseProblems.isEmpty();
    }

    /** A copy of the exact RFC 822 source as the server sent it. */
    public byte[] rawSource() {
        return b.rawSource.clone();
    }

    /**
     * Whether this message answers an earlier one (it has In-Reply-To or References), as opposed to starting a new
     * conversation. A subject starting with "Re:" alone does not count: clients add it to new mail too.
     */
    public boolean isReply() {
        return !b.inReplyTo.isEmpty() || !b.references.isEmpty();
    }

    /** The message id this one replies to directly: the last In-Reply-To, else the last Reference. */
    public Optional<String> parentMessageId() {
        if (!b.inReplyTo.isEmpty()) {
            return Optional.of(b.inReplyTo.get(b.inReplyTo.size() - 1));
        }
        return b.references.isEmpty() ? Optional.empty() : Optional.of(b.references.get(b.references.size() - 1));
    }

    /** The id of the first message of the conversation: the first Reference, else the parent, else this one. */
    public Optional<String> threadRootId() {
        if (!b.references.isEmpty()) {
            return Optional.of(b.references.get(0));
        }
        Optional<String> parent = parentMessageId();
        return parent.isPresent() ? parent : messageId();
    }

    /** Folder, id, sender and subject; never bodies. */
    @Override
    public String toString() {
        return "RetrievedMessage[" + b.folder + " " + b.id + ", from=" + b.from + ", subject=" + b.subject + "]";
    }

    /** Assembles a {@link RetrievedMessage}; used by Mailbridge's parser. */
    public static final class Builder {
        private final String folder;
        private final String id;
        private final byte[] rawSource;
        private long uid = -1;
        private long uidValidity = -1;
        private Set<String> flags = Set.of();
        private @Nullable Instant receivedAt;
        private @Nullable Instant sentAt;
        private @Nullable String messageId;
        private List<String> inReplyTo = List.of();
        private List<String> references = List.of();
        private List<MailAddress> from = List.of();
        private @Nullable MailAddress sender;
        private List<MailAddress> replyTo = List.of();
        private List<MailAddress> to = List.of();
        private List<MailAddress> cc = List.of();
        private String subject = "";
        private @Nullable String textBody;
        private @Nullable String htmlBody;
        private List<Attachment> attachments = List.of();
        private List<String> parseProblems = List.of();
        private java.util.function.Function<String, @Nullable String> headerLookup = name -> null;

        private Builder(String folder, String id, byte[] rawSource) {
            this.folder = Objects.requireNonNull(folder, "folder");
            this.id = Objects.requireNonNull(id, "id");
            this.rawSource = rawSource.clone();
        }

        /** The IMAP UID and the folder's UIDVALIDITY. */
        public Builder uid(long uid, long uidValidity) {
            this.uid = uid;
            this.uidValidity = uidValidity;
            return this;
        }

        /** The flags as the server reported them. */
        public Builder flags(Set<String> flags) {
            this.flags = Set.copyOf(flags);
            return this;
        }

        /** When the server received the message (INTERNALDATE). */
        public Builder receivedAt(@Nullable Instant receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        /** The Date header's instant. */
        public Builder sentAt(@Nullable Instant sentAt) {
            this.sentAt = sentAt;
            return this;
        }

        /** The Message-ID without angle brackets. */
        public Builder messageId(@Nullable String messageId) {
            this.messageId = messageId;
            return this;
        }

        /** In-Reply-To and References ids without angle brackets. */
        public Builder threading(List<String> inReplyTo, List<String> references) {
            this.inReplyTo = List.copyOf(inReplyTo);
            this.references = List.copyOf(references);
            return this;
        }

        /** The decoded address headers. */
        public Builder addresses(
                List<MailAddress> from,
                @Nullable MailAddress sender,
                List<MailAddress> replyTo,
                List<MailAddress> to,
                List<MailAddress> cc) {
            this.from = List.copyOf(from);
            this.sender = sender;
            this.replyTo = List.copyOf(replyTo);
            this.to = List.copyOf(to);
            this.cc = List.copyOf(cc);
            return this;
        }

        /** The decoded subject. */
        public Builder subject(String subject) {
            this.subject = Objects.requireNonNull(subject, "subject");
            return this;
        }

        /** The decoded text and HTML bodies. */
        public Builder bodies(@Nullable String textBody, @Nullable String htmlBody) {
            this.textBody = textBody;
            this.htmlBody = htmlBody;
            return this;
        }

        /** Attachments and inline parts in message order. */
        public Builder attachments(List<Attachment> attachments) {
            this.attachments = List.copyOf(attachments);
            return this;
        }

        /** Header values by name, case-insensitive; the function must not keep a live message. */
        public Builder headers(java.util.function.Function<String, @Nullable String> lookup) {
            this.headerLookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** What could not be parsed. */
        public Builder parseProblems(List<String> problems) {
            this.parseProblems = List.copyOf(problems);
            return this;
        }

        /** A message holding a copy of this builder's values, so later builder calls cannot change it. */
        public RetrievedMessage build() {
            Builder copy = new Builder(folder, id, rawSource);
            copy.uid = uid;
            copy.uidValidity = uidValidity;
            copy.flags = flags;
            copy.receivedAt = receivedAt;
            copy.sentAt = sentAt;
            copy.messageId = messageId;
            copy.inReplyTo = inReplyTo;
            copy.references = references;
            copy.from = from;
            copy.sender = sender;
            copy.replyTo = replyTo;
            copy.to = to;
            copy.cc = cc;
            copy.subject = subject;
            copy.textBody = textBody;
            copy.htmlBody = htmlBody;
            copy.attachments = attachments;
            copy.parseProblems = parseProblems;
            copy.headerLookup = headerLookup;
            return new RetrievedMessage(copy);
        }
    }
}
