package dev.mailbridge.internal.sending;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.internal.jakarta.StreamProviderShortcut;
import dev.mailbridge.sending.Identity;
import dev.mailbridge.sending.OutgoingAttachment;
import dev.mailbridge.sending.OutgoingEmail;
import dev.mailbridge.sending.Recipient;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Encodes an {@link OutgoingEmail} from an {@link Identity} as MIME with Jakarta Mail, which gets the encodings right
 * (RFC 2047 words, RFC 2231 file names, quoted-printable or base64 bodies). The session is private and never connects.
 */
public final class MimeComposer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Session session = Session.getInstance(new Properties());
    private final Clock clock;

    public MimeComposer(Clock clock) {
        this.clock = clock;
    }

    /**
     * Composes {@code email} as {@code identity}.
     *
     * @throws IllegalArgumentException if a display-name placeholder has no value
     * @throws IOException if an attachment cannot be read
     */
    public ComposedMessage compose(Identity identity, OutgoingEmail email) throws IOException {
        return StreamProviderShortcut.call(() -> composeWithJakarta(identity, email));
    }

    private ComposedMessage composeWithJakarta(Identity identity, OutgoingEmail email) throws IOException {
        String displayName = identity.displayName(email.placeholders());
        String messageId = newMessageId(identity.from(), isAutoReply(email));
        try {
            MimeMessage message = new FixedIdMessage(session, "<" + messageId + ">");
            message.setFrom(address(identity.from(), displayName));
            message.setRecipients(Message.RecipientType.TO, addresses(email.to()));
            message.setRecipients(Message.RecipientType.CC, addresses(email.cc()));
            List<Recipient> bcc = new ArrayList<>(email.bcc());
            for (EmailAddress extra : identity.bcc()) {
                bcc.add(new Recipient(extra, null));
            }
            message.setRecipients(Message.RecipientType.BCC, addresses(bcc));
            if (!identity.replyTo().isEmpty()) {
                List<Recipient> replyTo = new ArrayList<>();
                for (EmailAddress address : identity.replyTo()) {
                    replyTo.add(new Recipient(address, null));
                }
                message.setReplyTo(addresses(replyTo));
            }
            message.setSubject(email.subject(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            if (email.inReplyTo().isPresent()) {
                message.setHeader("In-Reply-To", "<" + email.inReplyTo().get() + ">");
            }
            if (!email.references().isEmpty()) {
                message.setHeader(
                        "References", MimeUtility.fold(12, "<" + String.join("> <", email.references()) + ">"));
            }
            for (Map.Entry<String, String> header : identity.headers().entrySet()) {
                message.setHeader(header.getKey(), headerValue(header.getKey(), header.getValue()));
            }
            for (Map.Entry<String, String> header : email.headers().entrySet()) {
                message.setHeader(header.getKey(), headerValue(header.getKey(), header.getValue()));
            }
            setBody(message, email);
            message.saveChanges();
            // Encoded once (each writeTo asks Jakarta for its StreamProvider again): the transmitted form is the Sent
            // copy with its Bcc header cut out.
            byte[] sentCopy = bytes(message);
            return new ComposedMessage(messageId, BccHeader.remove(sentCopy), sentCopy, envelopeRecipients(email, bcc));
        } catch (MessagingException e) {
            throw new IOException("could not encode the message: " + e.getMessage(), e);
        }
    }

    private static void setBody(MimeMessage message, OutgoingEmail email) throws MessagingException, IOException {
        List<OutgoingAttachment> inline = new ArrayList<>();
        List<OutgoingAttachment> attached = new ArrayList<>();
        for (OutgoingAttachment attachment : email.attachments()) {
            (attachment.contentId().isPresent() && email.html().isPresent() ? inline : attached).add(attachment);
        }
        if (attached.isEmpty()) {
            fill(message, email, inline);
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        fill(body, email, inline);
        mixed.addBodyPart(body);
        for (OutgoingAttachment attachment : attached) {
            MimeBodyPart part = binaryPart(attachment);
            part.setDisposition(Part.ATTACHMENT);
            mixed.addBodyPart(part);
        }
        message.setContent(mixed);
    }

    /** The text, the HTML, or both as alternatives; HTML with inline images is wrapped as {@code multipart/related}. */
    private static void fill(MimePart target, OutgoingEmail email, List<OutgoingAttachment> inline)
            throws MessagingException, IOException {
        String text = email.text().orElse(null);
        String html = email.html().orElse(null);
        if (text != null && html != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart textPart = new MimeBodyPart();
            textPart.setText(text, "UTF-8", "plain");
            alternative.addBodyPart(textPart);
            MimeBodyPart htmlPart = new MimeBodyPart();
            fillHtml(htmlPart, html, inline);
            alternative.addBodyPart(htmlPart);
            target.setContent(alternative);
        } else if (text != null) {
            target.setText(text, "UTF-8", "plain");
        } else if (html != null) {
            fillHtml(target, html, inline);
        }
    }

    private static void fillHtml(MimePart target, String html, List<OutgoingAttachment> inline)
            throws MessagingException, IOException {
        if (inline.isEmpty()) {
            target.setText(html, "UTF-8", "html");
            return;
        }
        MimeMultipart related = new MimeMultipart("related");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, "UTF-8", "html");
        related.addBodyPart(htmlPart);
        for (OutgoingAttachment image : inline) {
            MimeBodyPart part = binaryPart(image);
            part.setDisposition(Part.INLINE);
            part.setContentID("<" + image.contentId().orElseThrow() + ">");
            related.addBodyPart(part);
        }
        target.setContent(related);
    }

    private static MimeBodyPart binaryPart(OutgoingAttachment attachment) throws MessagingException, IOException {
        byte[] content;
        try (InputStream in = attachment.source().open()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new IOException("attachment " + attachment.fileName() + " could not be read: " + e.getMessage(), e);
        }
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(
                new jakarta.activation.DataHandler(new ByteArrayDataSource(content, attachment.contentType())));
        part.setFileName(attachment.fileName());
        return part;
    }

    private static String headerValue(String name, String value) throws UnsupportedEncodingException {
        return MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(value, "UTF-8", null));
    }

    private static InternetAddress[] addresses(List<Recipient> recipients) throws UnsupportedEncodingException {
        InternetAddress[] result = new InternetAddress[recipients.size()];
        for (int i = 0; i < result.length; i++) {
            Recipient r = recipients.get(i);
            result[i] = address(r.address(), r.name());
        }
        return result;
    }

    private static InternetAddress address(EmailAddress address, @org.jspecify.annotations.Nullable String name)
            throws UnsupportedEncodingException {
        return new InternetAddress(address.toAsciiString(), name == null || name.isBlank() ? null : name, "UTF-8");
    }

    private static List<EmailAddress> envelopeRecipients(OutgoingEmail email, List<Recipient> bcc) {
        Set<EmailAddress> all = new LinkedHashSet<>();
        for (List<Recipient> list : List.of(email.to(), email.cc(), bcc)) {
            for (Recipient r : list) {
                all.add(r.address());
            }
        }
        return List.copyOf(all);
    }

    private static byte[] bytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        message.writeTo(out);
        return out.toByteArray();
    }

    /** {@code time.random@domain}: unique without revealing the host, on the sender's domain as RFC 5322 suggests. */
    static String newMessageId(EmailAddress from, boolean autoReply) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        return Long.toString(System.currentTimeMillis(), 36) + "."
                + HexFormat.of().formatHex(random) + (autoReply ? AUTO_REPLY_ID_MARK : ".mailbridge@")
                + from.asciiDomain();
    }

    /**
     * What the Message-ID of an automatic reply ends its local part with, so that mail answering one of them (another
     * helpdesk's auto-reply to ours) is recognised by its In-Reply-To alone, without any store.
     */
    public static final String AUTO_REPLY_ID_MARK = ".autoreply.mailbridge@";

    private static boolean isAutoReply(OutgoingEmail email) {
        for (Map.Entry<String, String> header : email.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Auto-Submitted")
                    && !header.getValue().strip().equalsIgnoreCase("no")) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the Message-ID Mailbridge chose when Jakarta saves changes. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
