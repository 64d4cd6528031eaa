package dev.mailbridge.internal.retrieval;

import dev.mailbridge.internal.jakarta.StreamProviderShortcut;
import dev.mailbridge.retrieval.Attachment;
import dev.mailbridge.retrieval.MailAddress;
import dev.mailbridge.retrieval.RetrievedMessage;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns the raw bytes of a message into a detached {@link RetrievedMessage}, leniently: whatever cannot be parsed is
 * noted in the message's parse problems and the rest is still delivered. Only a message without a single header is
 * refused ({@link Unparseable}).
 */
public final class MessageParser {
    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");

    private final Session session;
    private final long attachmentLimit;

    public MessageParser(long attachmentLimit) {
        Properties props = new Properties();
        // Real mail breaks the rules; read what can be read rather than refusing the message.
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.decodetext.strict", "false");
        props.setProperty("mail.mime.parameters.strict", "false");
        props.setProperty("mail.mime.decodefilename", "true");
        props.setProperty("mail.mime.decodeparameters", "true");
        props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        props.setProperty("mail.mime.multipart.allowempty", "true");
        this.session = Session.getInstance(props);
        this.attachmentLimit = attachmentLimit;
    }

    /** Nothing in the message could be read. */
    public static final class Unparseable extends Exception {
        private static final long serialVersionUID = 1L;

        Unparseable(String message) {
            super(message);
        }
    }

    /** Parses; {@code builder} already holds folder, id and raw bytes. */
    public RetrievedMessage parse(RetrievedMessage.Builder builder, byte[] raw) throws Unparseable {
        return StreamProviderShortcut.call(() -> parseWithJakarta(builder, raw));
    }

    private RetrievedMessage parseWithJakarta(RetrievedMessage.Builder builder, byte[] raw) throws Unparseable {
        MimeMessage mime;
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            mime = new MimeMessage(session, new ByteArrayInputStream(raw));
            Enumeration<Header> all = mime.getAllHeaders();
            while (all.hasMoreElements()) {
                Header header = all.nextElement();
                headers.putIfAbsent(
                        header.getName().toLowerCase(Locale.ROOT), RawHeaderText.recode(unfold(header.getValue())));
            }
        } catch (MessagingException e) {
            throw new Unparseable("no header could be read: " + e.getMessage());
        }
        if (headers.isEmpty()) {
            throw new Unparseable("no header could be read (" + raw.length + " bytes)");
        }
        List<String> problems = new ArrayList<>();
        builder.headers(name -> headers.get(name.toLowerCase(Locale.ROOT)));
        builder.subject(decodeText(headers.get("subject"), "Subject", problems));
        builder.messageId(firstId(headers.get("message-id")));
        builder.threading(ids(headers.get("in-reply-to")), ids(headers.get("references")));
        builder.sentAt(date(headers.get("date"), problems));
        List<MailAddress> sender = addresses(headers.get("sender"), "Sender", problems);
        builder.addresses(
                addresses(headers.get("from"), "From", problems),
                sender.isEmpty() ? null : sender.get(0),
                addresses(headers.get("reply-to"), "Reply-To", problems),
                addresses(headers.get("to"), "To", problems),
                addresses(headers.get("cc"), "Cc", problems));
        Bodies bodies = new Bodies();
        try {
            walk(mime, bodies, problems);
        } catch (MessagingException | IOException e) {
            problems.add("broken MIME structure: " + e.getMessage());
        }
        builder.bodies(bodies.text, bodies.html);
        builder.attachments(bodies.attachments);
        builder.parseProblems(problems);
        return builder.build();
    }

    /** A short, stable fingerprint of a message's identity, to recognise it after a folder was renumbered. */
    public static String fingerprint(RetrievedMessage message) {
        String identity =
                message.messageId().orElse("") + "|" + message.header("Date").orElse("") + "|"
                        + message.header("From").orElse("") + "|" + message.subject();
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static final class Bodies {
        @Nullable
        String text;

        @Nullable
        String html;

        final List<Attachment> attachments = new ArrayList<>();
    }

    private void walk(Part part, Bodies bodies, List<String> problems) throws MessagingException, IOException {
        ContentType type = contentType(part, problems);
        String baseType = type.getBaseType().toLowerCase(Locale.ROOT);
        String disposition = disposition(part);
        String fileName = fileName(part, problems);
        if (baseType.startsWith("multipart/")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i), bodies, problems);
                }
                return;
            }
            problems.add("multipart without parts");
            return;
        }
        boolean attachment = "attachment".equals(disposition) || (fileName != null && !"inline".equals(disposition));
        if (!attachment && baseType.equals("text/plain") && bodies.text == null) {
            bodies.text = text(part, type, problems);
            return;
        }
        if (!attachment && baseType.equals("text/html") && bodies.html == null) {
            bodies.html = text(part, type, problems);
            return;
        }
        byte[] content = read(part, attachmentLimit);
        long size = content.length > attachmentLimit ? sizeOf(part) : content.length;
        String[] contentIds = part.getHeader("Content-ID");
        String contentId = contentIds == null || contentIds.length == 0 ? null : stripAngles(contentIds[0]);
        bodies.attachments.add(new Attachment(
                fileName,
                baseType,
                size,
                contentId,
                "inline".equals(disposition),
                content.length > attachmentLimit ? null : content));
    }

    private static ContentType contentType(Part part, List<String> problems) throws MessagingException {
        String raw = part.getContentType();
        if (raw == null) {
            return new ContentType("text", "plain", null);
        }
        try {
            return new ContentType(raw);
        } catch (jakarta.mail.internet.ParseException e) {
            problems.add("unreadable Content-Type '" + raw + "': read as text/plain");
            return new ContentType("text", "plain", null);
        }
    }

    private static @Nullable String disposition(Part part) {
        try {
            String disposition = part.getDisposition();
            return disposition == null ? null : disposition.toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static @Nullable String fileName(Part part, List<String> problems) {
        try {
            String name = part.getFileName();
            return name == null ? null : MimeUtility.decodeText(RawHeaderText.recode(name));
        } catch (MessagingException | IOException e) {
            problems.add("unreadable attachment file name: " + e.getMessage());
            return null;
        }
    }

    /** Decodes a text part with its declared charset; an unknown or wrong charset falls back and is noted. */
    private static String text(Part part, ContentType type, List<String> problems)
            throws MessagingException, IOException {
        byte[] bytes = read(part, Long.MAX_VALUE);
        String declared = type.getParameter("charset");
        if (declared != null) {
            try {
                Charset charset = Charset.forName(declared.strip().replace("\"", ""));
                return charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (IllegalArgumentException e) {
                problems.add("unknown charset '" + declared + "': body read as UTF-8 or Latin-1");
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** The decoded content, at most {@code limit + 1} bytes so an oversized part is recognised without keeping it. */
    private static byte[] read(Part part, long limit) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (total + n > limit) {
                    out.write(buffer, 0, (int) Math.min(n, limit - total + 1));
                    break;
                }
                out.write(buffer, 0, n);
                total += n;
            }
            return out.toByteArray();
        }
    }

    private static long sizeOf(Part part) throws MessagingException, IOException {
        long size = 0;
        try (InputStream in = part.getInputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                size += n;
            }
        }
        return size;
    }

    private static String decodeText(@Nullable String raw, String field, List<String> problems) {
        if (raw == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(raw);
        } catch (java.io.UnsupportedEncodingException e) {
            problems.add(field + " uses an unknown charset: kept undecoded");
            return raw;
        }
    }

    private static @Nullable Instant date(@Nullable String raw, List<String> problems) {
        if (raw == null) {
            return null;
        }
        try {
            return new MailDateFormat().parse(raw).toInstant();
        } catch (ParseException | RuntimeException e) {
            problems.add("unreadable Date '" + raw + "'");
            return null;
        }
    }

    private static List<MailAddress> addresses(@Nullable String raw, String field, List<String> problems) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<MailAddress> result = new ArrayList<>();
        try {
            for (InternetAddress address : InternetAddress.parseHeader(raw, false)) {
                result.add(new MailAddress(address.getAddress(), personal(address)));
            }
            return result;
        } catch (AddressException e) {
            // Keep what a person would read as the address rather than losing the sender.
            problems.add(field + ": unparseable address list '" + raw + "'");
            for (String piece : raw.split(",")) {
                String candidate = piece.strip();
                Matcher angle = Pattern.compile("<([^>]*)>").matcher(candidate);
                if (angle.find()) {
                    String name = candidate.substring(0, angle.start()).strip().replace("\"", "");
                    result.add(new MailAddress(angle.group(1).strip(), name.isEmpty() ? null : name));
                } else if (!candidate.isEmpty()) {
                    result.add(new MailAddress(candidate, null));
                }
            }
            return result;
        }
    }

    private static @Nullable String personal(InternetAddress address) {
        String personal = address.getPersonal();
        return personal == null || personal.isBlank() ? null : personal;
    }

    private static @Nullable String firstId(@Nullable String raw) {
        List<String> ids = ids(raw);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Message ids in angle brackets; bare tokens when a client left the brackets out. */
    private static List<String> ids(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher matcher = ANGLE_ID.matcher(raw);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        if (ids.isEmpty()) {
            for (String token : raw.strip().split("\\s+")) {
                if (token.contains("@")) {
                    ids.add(token);
                }
            }
        }
        return ids;
    }

    private static String stripAngles(String id) {
        String s = id.strip();
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
    }

    private static String unfold(String value) {
        return value.replaceAll("\r?\n[ \t]+", " ").strip();
    }

    /** Flags as IMAP spells them. */
    public static Set<String> flagNames(jakarta.mail.Flags flags) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (jakarta.mail.Flags.Flag flag : flags.getSystemFlags()) {
            if (flag == jakarta.mail.Flags.Flag.SEEN) {
                names.add("\\Seen");
            } else if (flag == jakarta.mail.Flags.Flag.ANSWERED) {
                names.add("\\Answered");
            } else if (flag == jakarta.mail.Flags.Flag.FLAGGED) {
                names.add("\\Flagged");
            } else if (flag == jakarta.mail.Flags.Flag.DELETED) {
                names.add("\\Deleted");
            } else if (flag == jakarta.mail.Flags.Flag.DRAFT) {
                names.add("\\Draft");
            }
        }
        names.addAll(List.of(flags.getUserFlags()));
        return names;
    }
}
