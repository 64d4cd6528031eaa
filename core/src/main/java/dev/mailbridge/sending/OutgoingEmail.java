package dev.mailbridge.sending;

import dev.mailbridge.internal.sending.HeaderGuard;
import dev.mailbridge.internal.sending.Replies;
import dev.mailbridge.retrieval.RetrievedMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message to send: recipients, subject, text and/or HTML body, attachments and inline images, extra headers, the
 * values for the identity's display-name placeholders, and the threading headers of a reply. Immutable.
 *
 * <p>The From, Date and Message-ID headers are set when it is sent, from the {@link Identity}, the client's clock and
 * the From address's domain. Text and HTML together become {@code multipart/alternative}; non-ASCII subjects, names and
 * file names are encoded (RFC 2047, 2231); internationalised domains go out in ASCII form.
 *
 * <pre>{@code
 * OutgoingEmail email = OutgoingEmail.newBuilder()
 *         .to("customer@example.com", "Chris Customer")
 *         .subject("Your order")
 *         .text("It ships today.")
 *         .html("<p>It ships <b>today</b>.</p>")
 *         .attach(OutgoingAttachment.of(Path.of("invoice.pdf")))
 *         .build();
 * }</pre>
 *
 * <p>Every value is checked when it is set: a line break or NUL in a header value, name or address is refused (it
 * would let the text inject headers), and so is an address the server could not carry.
 */
public final class OutgoingEmail {
    private final List<Recipient> to;
    private final List<Recipient> cc;
    private final List<Recipient> bcc;
    private final String subject;
    private final @Nullable String text;
    private final @Nullable String html;
    private final List<OutgoingAttachment> attachments;
    private final Map<String, String> headers;
    private final Map<String, String> placeholders;
    private final @Nullable String inReplyTo;
    private final List<String> references;

    private OutgoingEmail(Builder b) {
        this.to = List.copyOf(b.to);
        this.cc = List.copyOf(b.cc);
        this.bcc = List.copyOf(b.bcc);
        this.subject = b.subject;
        this.text = b.text;
        this.html = b.html;
        this.attachments = List.copyOf(b.attachments);
        this.headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.placeholders = Map.copyOf(b.placeholders);
        this.inReplyTo = b.inReplyTo;
        this.references = List.copyOf(b.references);
    }

    /** Starts an empty message. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Starts a reply to {@code original} as {@code identity}: to its Reply-To (else its From), subject with one {@code
     * Re:}, and In-Reply-To and References so the reply joins the thread in every mail client. Add the body and send.
     */
    public static Builder replyTo(RetrievedMessage original, Identity identity) {
        Builder b = new Builder();
        Replies.prefill(b, original, identity, false);
        return b;
    }

    /**
     * Like {@link #replyTo} and also copies everyone else who received {@code original}, except the mailbox itself and
     * its aliases.
     */
    public static Builder replyToAll(RetrievedMessage original, Identity identity) {
        Builder b = new Builder();
        Replies.prefill(b, original, identity, true);
        return b;
    }

    /** A builder holding this message's values, to send a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.to.addAll(to);
        b.cc.addAll(cc);
        b.bcc.addAll(bcc);
        b.subject = subject;
        b.text = text;
        b.html = html;
        b.attachments.addAll(attachments);
        b.headers.putAll(headers);
        b.placeholders.putAll(placeholders);
        b.inReplyTo = inReplyTo;
        b.references.addAll(references);
        return b;
    }

    /** To recipients. */
    public List<Recipient> to() {
        return to;
    }

    /** Cc recipients. */
    public List<Recipient> cc() {
        return cc;
    }

    /** Bcc recipients: in the envelope and the Sent copy, never in the transmitted headers. */
    public List<Recipient> bcc() {
        return bcc;
    }

    /** The subject, possibly empty. */
    public String subject() {
        return subject;
    }

    /** The plain-text body, if any. */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** The HTML body, if any. */
    public Optional<String> html() {
        return Optional.ofNullable(html);
    }

    /** Attachments and inline images, in order. */
    public List<OutgoingAttachment> attachments() {
        return attachments;
    }

    /** Extra headers, in order. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Values for the identity's display-name placeholders. */
    public Map<String, String> placeholders() {
        return placeholders;
    }

    /** The Message-ID this message answers, without angle brackets, if it is a reply. */
    public Optional<String> inReplyTo() {
        return Optional.ofNullable(inReplyTo);
    }

    /** The thread's Message-IDs, oldest first, without angle brackets. */
    public List<String> references() {
        return references;
    }

    /** Recipients and subject; never the body. */
    @Override
    public String toString() {
        return "OutgoingEmail[to=" + to + (cc.isEmpty() ? "" : ", cc=" + cc)
                + (bcc.isEmpty() ? "" : ", bcc=" + bcc.size()) + ", subject=\"" + subject + "\"]";
    }

    /** Builds an {@link OutgoingEmail}; each setter checks its value at once. */
    public static final class Builder {
        private final List<Recipient> to = new ArrayList<>();
        private final List<Recipient> cc = new ArrayList<>();
        private final List<Recipient> bcc = new ArrayList<>();
        private String subject = "";
        private @Nullable String text;
        private @Nullable String html;
        private final List<OutgoingAttachment> attachments = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> placeholders = new LinkedHashMap<>();
        private @Nullable String inReplyTo;
        private final List<String> references = new ArrayList<>();

        private Builder() {}

        /** Adds a To recipient such as {@code dana@acme.com}. */
        public Builder to(String address) {
            return to(Recipient.of(address));
        }

        /** Adds a To recipient shown as {@code name}. */
        public Builder to(String address, String name) {
            return to(Recipient.of(address, name));
        }

        /** Adds a To recipient. */
        public Builder to(Recipient recipient) {
            to.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        /** Adds a Cc recipient. */
        public Builder cc(String address) {
            return cc(Recipient.of(address));
        }

        /** Adds a Cc recipient. */
        public Builder cc(Recipient recipient) {
            cc.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        /** Adds a Bcc recipient. */
        public Builder bcc(String address) {
            return bcc(Recipient.of(address));
        }

        /** Adds a Bcc recipient. */
        public Builder bcc(Recipient recipient) {
            bcc.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        /** Removes every To, Cc and Bcc recipient, say to re-address a prefilled reply. */
        public Builder clearRecipients() {
            to.clear();
            cc.clear();
            bcc.clear();
            return this;
        }

        /** The subject; one line. */
        public Builder subject(String subject) {
            HeaderGuard.checkValue("subject", Objects.requireNonNull(subject, "subject"));
            this.subject = subject;
            return this;
        }

        /** The plain-text body. */
        public Builder text(String text) {
            this.text = Objects.requireNonNull(text, "text");
            return this;
        }

        /** The HTML body; with a text body too, the message becomes {@code multipart/alternative}. */
        public Builder html(String html) {
            this.html = Objects.requireNonNull(html, "html");
            return this;
        }

        /** Adds an attachment or inline image. */
        public Builder attach(OutgoingAttachment attachment) {
            attachments.add(Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        /**
         * Adds a header such as {@code X-Ticket: 4711}.
         *
         * @throws IllegalArgumentException for a header Mailbridge sets itself (From, To, Subject, Message-ID...), a
         *     malformed name, or a line break or NUL in the value
         */
        public Builder header(String name, String value) {
            HeaderGuard.checkCustomHeader(name, value);
            headers.put(name, value);
            return this;
        }

        /** The value for the identity's display-name placeholder {@code {name}}. */
        public Builder placeholder(String name, String value) {
            Objects.requireNonNull(name, "name");
            HeaderGuard.checkValue("placeholder " + name, Objects.requireNonNull(value, "value"));
            placeholders.put(name, value);
            return this;
        }

        /**
         * Marks this message as a reply: {@code inReplyTo} is the parent's Message-ID and {@code references} the
         * thread's ids, oldest first (with or without angle brackets). {@link OutgoingEmail#replyTo} sets both.
         */
        public Builder threading(String inReplyTo, List<String> references) {
            Objects.requireNonNull(inReplyTo, "inReplyTo");
            Objects.requireNonNull(references, "references");
            this.inReplyTo = HeaderGuard.messageId("inReplyTo", inReplyTo);
            this.references.clear();
            for (String reference : references) {
                this.references.add(HeaderGuard.messageId("references", reference));
            }
            return this;
        }

        /**
         * Builds the message.
         *
         * @throws IllegalStateException if it has no recipient or no body
         */
        public OutgoingEmail build() {
            if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
                throw new IllegalStateException("the message has no recipient: call to(...), cc(...) or bcc(...)");
            }
            if (text == null && html == null) {
                throw new IllegalStateException("the message has no body: call text(...) and/or html(...)");
            }
            return new OutgoingEmail(this);
        }
    }
}
