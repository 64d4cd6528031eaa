package dev.mailbridge.sending;

import dev.mailbridge.internal.sending.HeaderGuard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A file attached to an {@link OutgoingEmail}, or an image shown inline in its HTML ({@code <img src="cid:logo">}).
 * Content is read once, when the message is composed before connecting; a source that fails to open fails that
 * message only. File names may be non-ASCII; they are encoded per RFC 2231.
 */
public final class OutgoingAttachment {
    private final String fileName;
    private final String contentType;
    private final Source source;
    private final @Nullable String contentId;

    private OutgoingAttachment(String fileName, String contentType, Source source, @Nullable String contentId) {
        HeaderGuard.checkValue("attachment file name", fileName);
        HeaderGuard.checkValue("attachment content type", contentType);
        if (fileName.isBlank()) {
            throw new IllegalArgumentException("attachment file name is blank: give the name the recipient sees");
        }
        if (!contentType.matches("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(;.*)?")) {
            throw new IllegalArgumentException(
                    "attachment content type '" + contentType + "' is not type/subtype, such as application/pdf");
        }
        this.fileName = fileName;
        this.contentType = contentType;
        this.source = source;
        this.contentId = contentId;
    }

    /** Opens the content; called once per composed message. */
    @FunctionalInterface
    public interface Source {
        /** A new stream of the content, closed by the caller. */
        InputStream open() throws IOException;
    }

    /** An attachment of {@code bytes} (copied). */
    public static OutgoingAttachment of(String fileName, String contentType, byte[] bytes) {
        byte[] copy = Objects.requireNonNull(bytes, "bytes").clone();
        return new OutgoingAttachment(fileName, contentType, () -> new java.io.ByteArrayInputStream(copy), null);
    }

    /** An attachment read from {@code source} when the message is composed. */
    public static OutgoingAttachment of(String fileName, String contentType, Source source) {
        return new OutgoingAttachment(fileName, contentType, Objects.requireNonNull(source, "source"), null);
    }

    /**
     * The file at {@code path}, named as the file, typed by its extension (application/octet-stream when unknown).
     *
     * @throws IllegalArgumentException if the file does not exist or is not readable
     */
    public static OutgoingAttachment of(Path path) {
        Objects.requireNonNull(path, "path");
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("attachment " + path + " is not a readable file");
        }
        Path name = path.getFileName();
        String fileName = name == null ? path.toString() : name.toString();
        return new OutgoingAttachment(fileName, typeOf(fileName), () -> Files.newInputStream(path), null);
    }

    /**
     * An image shown inline where the HTML says {@code <img src="cid:contentId">}.
     *
     * @param contentId the id used in the HTML, without {@code cid:} or angle brackets, such as {@code logo}
     */
    public static OutgoingAttachment inlineImage(String contentId, String fileName, String contentType, byte[] bytes) {
        Objects.requireNonNull(contentId, "contentId");
        if (!contentId.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.@-]+")) {
            throw new IllegalArgumentException(
                    "inline image content id '" + contentId + "' must be letters, digits and symbols without spaces");
        }
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("image/")) {
            throw new IllegalArgumentException(
                    "inline image " + fileName + " has content type " + contentType + "; it must be image/...");
        }
        byte[] copy = bytes.clone();
        return new OutgoingAttachment(fileName, contentType, () -> new java.io.ByteArrayInputStream(copy), contentId);
    }

    private static String typeOf(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String extension = dot < 0 ? "" : lower.substring(dot + 1);
        return switch (extension) {
            case "pdf" -> "application/pdf";
            case "txt" -> "text/plain";
            case "csv" -> "text/csv";
            case "html", "htm" -> "text/html";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "zip" -> "application/zip";
            case "json" -> "application/json";
            case "ics" -> "text/calendar";
            case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            default -> "application/octet-stream";
        };
    }

    /** The name the recipient sees. */
    public String fileName() {
        return fileName;
    }

    /** The MIME type, such as {@code application/pdf}. */
    public String contentType() {
        return contentType;
    }

    /** Where the content comes from. */
    public Source source() {
        return source;
    }

    /** The content id of an inline image, if this is one. */
    public Optional<String> contentId() {
        return Optional.ofNullable(contentId);
    }

    @Override
    public String toString() {
        return "OutgoingAttachment[" + fileName + ", " + contentType + (contentId == null ? "" : ", cid:" + contentId)
                + "]";
    }
}
