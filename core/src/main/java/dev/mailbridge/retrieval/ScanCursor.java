package dev.mailbridge.retrieval;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a header-first scan of one folder stands: every message up to {@link #lastUid()} under {@link #uidValidity()}
 * has been listed. Pass it to {@link HeaderScan.Builder#after(ScanCursor)} to continue with the next page, or later to
 * list only mail that arrived since. {@link #token()} is a short string to store with the mailbox, and {@link
 * #fromToken(String)} reads it back.
 *
 * @param folder the folder's full name on the server
 * @param uidValidity the folder's UIDVALIDITY; when the server renumbers the folder the next scan starts over and says
 *     so ({@link ScanPage#restarted()})
 * @param lastUid the highest UID listed so far, 0 before the first
 */
public record ScanCursor(String folder, long uidValidity, long lastUid) {
    private static final String VERSION = "1";

    /** Checks the parts. */
    public ScanCursor {
        Objects.requireNonNull(folder, "folder");
        if (uidValidity <= 0 || lastUid < 0) {
            throw new IllegalArgumentException(
                    "uidValidity " + uidValidity + " must be positive and lastUid " + lastUid + " not negative");
        }
    }

    /** This cursor as one line of URL-safe text, for storing; {@link #fromToken} reads it. */
    public String token() {
        String folderPart =
                Base64.getUrlEncoder().withoutPadding().encodeToString(folder.getBytes(StandardCharsets.UTF_8));
        return VERSION + "." + uidValidity + "." + lastUid + "." + folderPart;
    }

    /**
     * The cursor {@link #token()} wrote.
     *
     * @throws IllegalArgumentException if {@code token} is not one
     */
    public static ScanCursor fromToken(String token) {
        Objects.requireNonNull(token, "token");
        String[] parts = token.split("\\.", 4);
        try {
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException("not a version " + VERSION + " token");
            }
            String folder = new String(Base64.getUrlDecoder().decode(parts[3]), StandardCharsets.UTF_8);
            return new ScanCursor(folder, Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (IllegalArgumentException e) { // NumberFormatException is one
            throw new IllegalArgumentException(
                    "'" + token + "' is not a scan cursor token (" + e.getMessage()
                            + "); store the text ScanCursor.token() returns",
                    e);
        }
    }
}
