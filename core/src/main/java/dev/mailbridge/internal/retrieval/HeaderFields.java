package dev.mailbridge.internal.retrieval;

import dev.mailbridge.retrieval.MailAddress;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a message's header that say who wrote to whom, when and in which thread, decoded leniently: one reading
 * for a whole message ({@link MessageParser}) and for a header-first scan, so both give the same answer for the same
 * message. Every problem met is added to the caller's list; nothing here throws for bad input.
 */
final class HeaderFields {
    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern FOLD = Pattern.compile("\r?\n[ \t]+");

    final String subject;
    final @Nullable String messageId;
    final List<String> inReplyTo;
    final List<String> references;
    final @Nullable Instant sentAt;
    final List<MailAddress> from;
    final @Nullable MailAddress sender;
    final List<MailAddress> replyTo;
    final List<MailAddress> to;
    final List<MailAddress> cc;
    final List<MailAddress> bcc;

    private HeaderFields(Function<String, @Nullable String> header, List<String> problems) {
        subject = decodeText(header.apply("subject"), "Subject", problems);
        messageId = firstId(header.apply("message-id"));
        inReplyTo = ids(header.apply("in-reply-to"));
        references = ids(header.apply("references"));
        sentAt = MailDates.parse(header.apply("date"), problems);
        from = AddressLists.parse(header.apply("from"), "From", problems);
        List<MailAddress> senders = AddressLists.parse(header.apply("sender"), "Sender", problems);
        sender = senders.isEmpty() ? null : senders.get(0);
        replyTo = AddressLists.parse(header.apply("reply-to"), "Reply-To", problems);
        to = AddressLists.parse(header.apply("to"), "To", problems);
        cc = AddressLists.parse(header.apply("cc"), "Cc", problems);
        bcc = AddressLists.parse(header.apply("bcc"), "Bcc", problems);
    }

    /**
     * The fields from {@code header}, which answers a lower-case field name with its first value, unfolded and recoded
     * ({@link #values}), or null.
     */
    static HeaderFields read(Function<String, @Nullable String> header, List<String> problems) {
        return new HeaderFields(header, problems);
    }

    /**
     * Each field of a header block (the header of a message, or the fields a {@code BODY[HEADER.FIELDS]} fetch
     * returned) by its lower-case name, first occurrence kept, unfolded, 8-bit text recoded: an empty map when nothing
     * in it reads as a header field.
     */
    static Map<String, String> values(byte[] header, List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        if (header.length == 0) {
            return values;
        }
        try {
            InternetHeaders parsed = new InternetHeaders(new ByteArrayInputStream(header), true);
            for (Enumeration<Header> all = parsed.getAllHeaders(); all.hasMoreElements(); ) {
                Header field = all.nextElement();
                values.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), unfolded(field.getValue()));
            }
        } catch (MessagingException e) {
            problems.add("the header could not be read: " + e.getMessage());
        }
        return values;
    }

    /** A header value on one line, its 8-bit text recoded ({@link RawHeaderText#recode}). */
    static String unfolded(String value) {
        String line = value.indexOf('\n') < 0
                ? value.strip()
                : FOLD.matcher(value).replaceAll(" ").strip();
        return RawHeaderText.recode(line);
    }

    private static String decodeText(@Nullable String raw, String field, List<String> problems) {
        if (raw == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(Utf7.decodeEncodedWords(raw));
        } catch (java.io.UnsupportedEncodingException e) {
            problems.add(field + " uses an unknown charset: kept undecoded");
            return raw;
        }
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
        return List.copyOf(ids);
    }
}
