package dev.mailbridge.internal.retrieval;

import dev.mailbridge.internal.jakarta.StreamProviderShortcut;
import dev.mailbridge.retrieval.Attachment;
import dev.mailbridge.retrieval.RetrievedMessage;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns the raw bytes of a message into a detached {@link RetrievedMessage}, leniently: whatever cannot be parsed is
 * noted in the message's parse problems and the rest is still delivered. Only a message without a single header is
 * refused ({@link Unparseable}).
 */
public final class MessageParser {
    private final Session session;
    private final long attachmentLimit;
    private final long textLimit;

    /** A parser keeping attachments up to {@code attachmentLimit} bytes and text bodies up to 4 MiB. */
    public MessageParser(long attachmentLimit) {
        this(attachmentLimit, 4L * 1024 * 1024);
    }

    /** A parser keeping attachments up to {@code attachmentLimit} bytes and text bodies up to {@code textLimit}. */
    public MessageParser(long attachmentLimit, long textLimit) {
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
        this.textLimit = textLimit;
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
        List<String> problems = new ArrayList<>();
        byte[] readable = HeaderBodySeparator.repaired(raw, problems);
        try {
            // A shared stream: Jakarta then cuts parts out of this array instead of copying each part's bytes again.
            mime = new MimeMessage(session, new SharedByteArrayInputStream(readable));
            Enumeration<Header> all = mime.getAllHeaders();
            while (all.hasMoreElements()) {
                Header header = all.nextElement();
                headers.putIfAbsent(
                        header.getName().toLowerCase(Locale.ROOT), HeaderFields.unfolded(header.getValue()));
            }
        } catch (MessagingException e) {
            throw new Unparseable("no header could be read: " + e.getMessage());
        }
        if (headers.isEmpty()) {
            throw new Unparseable("no header could be read (" + raw.length + " bytes)");
        }
        builder.headers(name -> headers.get(name.toLowerCase(Locale.ROOT)));
        HeaderFields fields = HeaderFields.read(headers::get, problems);
        builder.subject(fields.subject);
        builder.messageId(fields.messageId);
        builder.threading(fields.inReplyTo, fields.references);
        builder.sentAt(fields.sentAt);
        builder.addresses(fields.from, fields.sender, fields.replyTo, fields.to, fields.cc);
        Bodies bodies = new Bodies();
        walkGuarded(mime, bodies, problems, "the message", false);
        builder.bodies(bodies.text, bodies.html);
        builder.attachments(bodies.attachments);
        builder.parseProblems(problems);
        return builder.build();
    }

    private static final class Bodies {
        @Nullable
        String text;

        @Nullable
        String html;

        final List<Attachment> attachments = new ArrayList<>();
    }

    /**
     * Walks {@code part}; when it cannot be read, the part is kept whole as an attachment with its raw bytes and the
     * problem noted, and the walk goes on with the parts after it: one bad part never takes the rest with it.
     */
    private void walkGuarded(Part part, Bodies bodies, List<String> problems, String where, boolean inDigest) {
        try {
            walk(part, bodies, problems, where, inDigest);
        } catch (MessagingException | IOException | RuntimeException e) {
            problems.add(where + " could not be read (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "): kept as an attachment with its raw content");
            keepRaw(part, bodies, where, problems);
        }
    }

    private void walk(Part part, Bodies bodies, List<String> problems, String where, boolean inDigest)
            throws MessagingException, IOException {
        TypeRead read = contentType(part, problems, where, inDigest);
        ContentType type = read.type();
        String baseType = type.getBaseType().toLowerCase(Locale.ROOT);
        String disposition = disposition(part);
        String fileName = fileName(part, problems, where);
        if (baseType.startsWith("multipart/")) {
            Multipart multipart = multipart(part, read, where, problems);
            int count;
            try {
                count = multipart.getCount();
            } catch (MessagingException e) {
                problems.add(where + " is a " + baseType + " whose parts cannot be found (" + e.getMessage()
                        + "): kept as an attachment with its raw content");
                keepRaw(part, bodies, where, problems);
                return;
            }
            if (count == 0) {
                problems.add(where + " is a " + baseType + " without parts");
            }
            boolean digest = baseType.equals("multipart/digest");
            for (int i = 0; i < count; i++) {
                String child = (where.equals("the message") ? "part " : where + ", part ") + (i + 1);
                Part next;
                try {
                    next = multipart.getBodyPart(i);
                } catch (MessagingException e) {
                    problems.add(child + " could not be read: " + e.getMessage());
                    continue;
                }
                walkGuarded(next, bodies, problems, child, digest);
            }
            return;
        }
        boolean attachment = "attachment".equals(disposition) || (fileName != null && !"inline".equals(disposition));
        if (!attachment && baseType.equals("text/plain") && bodies.text == null) {
            bodies.text = text(part, type, problems, where);
            return;
        }
        if (!attachment && baseType.equals("text/html") && bodies.html == null) {
            bodies.html = text(part, type, problems, where);
            return;
        }
        byte[] content = TransferEncodings.decode(part, attachmentLimit, where, problems);
        long size = content.length > attachmentLimit ? TransferEncodings.decodedSize(part) : content.length;
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

    /**
     * The parts of a multipart: Jakarta's own reading when it could parse the type (no copy of the content), else
     * read from the content with the type as {@link LenientHeaderValue} repaired it.
     */
    private static Multipart multipart(Part part, TypeRead read, String where, List<String> problems)
            throws MessagingException, IOException {
        if (read.asDeclared()) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                return multipart;
            }
        }
        return new MimeMultipart(new ByteArrayDataSource(
                TransferEncodings.decode(part, Long.MAX_VALUE, where, problems),
                read.type().toString()));
    }

    /**
     * A part's type, and whether Jakarta reads the declared header the same way.
     *
     * @param type the type
     * @param asDeclared whether the header parsed as it stands (Jakarta's own multipart reading then agrees)
     */
    private record TypeRead(ContentType type, boolean asDeclared) {}

    /** A part that could not be read, kept whole: its raw bytes as an attachment of its declared type. */
    private void keepRaw(Part part, Bodies bodies, String where, List<String> problems) {
        byte[] raw;
        try (InputStream in = part instanceof jakarta.mail.internet.MimeBodyPart body
                ? body.getRawInputStream()
                : part.getInputStream()) {
            raw = TransferEncodings.Bounded.read(in, attachmentLimit);
        } catch (MessagingException | IOException | RuntimeException e) {
            problems.add(where + ": not even its raw content could be read (" + e.getMessage() + ")");
            return;
        }
        String declared;
        try {
            declared = part.getContentType() == null
                    ? "application/octet-stream"
                    : LenientHeaderValue.parse(part.getContentType()).value();
        } catch (MessagingException | RuntimeException e) {
            declared = "application/octet-stream";
        }
        bodies.attachments.add(new Attachment(
                fileName(part, problems, where),
                declared.isEmpty() ? "application/octet-stream" : declared,
                raw.length,
                null,
                false,
                raw.length > attachmentLimit ? null : raw));
    }

    /**
     * The part's type: as Jakarta reads it, or as {@link LenientHeaderValue} reads what Jakarta refuses (unquoted
     * specials in a boundary, {@code ;;}); in a digest, a part without a Content-Type is a message (RFC 2046 5.1.5).
     */
    private static TypeRead contentType(Part part, List<String> problems, String where, boolean inDigest)
            throws MessagingException {
        String[] declared = part.getHeader("Content-Type");
        if (declared == null || declared.length == 0) {
            return new TypeRead(
                    inDigest ? new ContentType("message", "rfc822", null) : new ContentType("text", "plain", null),
                    !inDigest);
        }
        String raw = HeaderFields.unfolded(declared[0]);
        try {
            return new TypeRead(new ContentType(raw), true);
        } catch (jakarta.mail.internet.ParseException strict) {
            try {
                return new TypeRead(
                        new ContentType(LenientHeaderValue.parse(raw).quoted()), false);
            } catch (jakarta.mail.internet.ParseException e) {
                problems.add(where + ": unreadable Content-Type '" + raw + "': read as text/plain");
                return new TypeRead(new ContentType("text", "plain", null), false);
            }
        }
    }

    private static @Nullable String disposition(Part part) {
        try {
            String disposition = part.getDisposition();
            return disposition == null ? null : disposition.toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            try {
                String[] raw = part.getHeader("Content-Disposition");
                return raw == null || raw.length == 0
                        ? null
                        : LenientHeaderValue.parse(raw[0]).value();
            } catch (MessagingException unreadable) {
                return null;
            }
        }
    }

    /**
     * The attachment's name from Content-Disposition's {@code filename} or Content-Type's {@code name}: as Jakarta
     * reads it (RFC 2231 included), else leniently, so an unquoted encoded-word name is not lost.
     */
    private static @Nullable String fileName(Part part, List<String> problems, String where) {
        try {
            String name = part.getFileName();
            if (name != null) {
                return MimeUtility.decodeText(RawHeaderText.recode(name));
            }
        } catch (MessagingException | IOException | RuntimeException strict) {
            // read leniently below
        }
        try {
            for (String header : new String[] {"Content-Disposition", "Content-Type"}) {
                String[] raw = part.getHeader(header);
                if (raw != null && raw.length > 0) {
                    LenientHeaderValue value = LenientHeaderValue.parse(HeaderFields.unfolded(raw[0]));
                    String name = value.parameter(header.equals("Content-Type") ? "name" : "filename");
                    if (name != null && !name.isBlank()) {
                        return name;
                    }
                }
            }
        } catch (MessagingException e) {
            problems.add(where + ": unreadable attachment file name: " + e.getMessage());
        }
        return null;
    }

    /**
     * Decodes a text part with its declared charset; an unknown or wrong charset falls back and is noted; a body over
     * the text limit is cut there and noted.
     */
    private String text(Part part, ContentType type, List<String> problems, String where)
            throws MessagingException, IOException {
        byte[] bytes = TransferEncodings.decode(part, textLimit, where, problems);
        if (bytes.length > textLimit) {
            bytes = java.util.Arrays.copyOf(bytes, (int) textLimit);
            problems.add(where + ": the " + type.getBaseType().toLowerCase(Locale.ROOT) + " body is longer than "
                    + textLimit + " bytes and was cut there (the whole message is in the raw source)");
        }
        String declared = type.getParameter("charset");
        if (declared != null) {
            String name = declared.strip().replace("\"", "");
            if (name.equalsIgnoreCase("utf-7") || name.equalsIgnoreCase("unicode-1-1-utf-7")) {
                return Utf7.decode(bytes);
            }
            try {
                Charset charset = Charset.forName(name);
                return charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (IllegalArgumentException e) {
                problems.add(where + ": unknown charset '" + declared + "': body read as UTF-8 or Windows-1252");
            }
        }
        return RawHeaderText.recode(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private static String stripAngles(String id) {
        String s = id.strip();
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
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
