package dev.mailbridge.retrieval;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A file attached to (or embedded in) a retrieved message. Content larger than {@link Retrieval#attachmentSizeLimit()}
 * is not kept: {@link #contentAvailable()} is then false and only the name, type and size are known.
 */
public final class Attachment {
    private final @Nullable String fileName;
    private final String contentType;
    private final long size;
    private final @Nullable String contentId;
    private final boolean inline;
    private final byte @Nullable [] content;

    /**
     * Creates an attachment.
     *
     * @param fileName the decoded file name, if the part has one
     * @param contentType the MIME type, lower case, without parameters
     * @param size the decoded size in bytes
     * @param contentId the Content-ID without angle brackets, for inline images
     * @param inline whether the part is meant to be shown in the body
     * @param content the decoded bytes, or {@code null} when over the size limit
     */
    public Attachment(
            @Nullable String fileName,
            String contentType,
            long size,
            @Nullable String contentId,
            boolean inline,
            byte @Nullable [] content) {
        this.fileName = fileName;
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.size = size;
        this.contentId = contentId;
        this.inline = inline;
        this.content = content == null ? null : content.clone();
    }

    /** The decoded file name, if any. */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /** The MIME type, such as {@code application/pdf}. */
    public String contentType() {
        return contentType;
    }

    /** The decoded size in bytes. */
    public long size() {
        return size;
    }

    /** The Content-ID, for inline images referenced as {@code cid:} from the HTML body. */
    public Optional<String> contentId() {
        return Optional.ofNullable(contentId);
    }

    /** Whether the part is meant to be shown inside the body. */
    public boolean inline() {
        return inline;
    }

    /** Whether the content was kept (it was within the size limit). */
    public boolean contentAvailable() {
        return content != null;
    }

    /** A copy of the content, if it was kept. */
    public Optional<byte[]> bytes() {
        return content == null ? Optional.empty() : Optional.of(content.clone());
    }

    /**
     * The content as a stream.
     *
     * @throws IllegalStateException if the content was over the size limit and not kept
     */
    public InputStream openStream() {
        if (content == null) {
            throw new IllegalStateException("attachment " + fileName + " (" + size + " bytes) was over the size limit"
                    + " and not kept: raise Retrieval.Builder.attachmentSizeLimit to keep it");
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public String toString() {
        return "Attachment[" + fileName + ", " + contentType + ", " + size + " bytes"
                + (content == null ? ", not kept" : "") + "]";
    }
}
