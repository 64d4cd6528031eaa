package dev.mailbridge.internal.retrieval;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * How a cursor log entry is framed on disk: the entry, a tab, its CRC-32 in hex, a line feed. A kill or power loss in
 * the middle of an append leaves a last line that is cut short or whose checksum fails; reading stops before it, so a
 * torn entry is never replayed as a different one.
 */
final class CursorLogLines {
    private CursorLogLines() {}

    static void requireOneLine(String entry) {
        for (int i = 0; i < entry.length(); i++) {
            char c = entry.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                throw new IllegalArgumentException("a cursor log entry is one line without tabs: " + entry);
            }
        }
    }

    static byte[] frame(String entry) {
        requireOneLine(entry);
        byte[] bytes = entry.getBytes(StandardCharsets.UTF_8);
        return (entry + '\t' + crcHex(bytes) + '\n').getBytes(StandardCharsets.UTF_8);
    }

    /** The entry in a framed line (without its line feed), or null when the line is torn. */
    static @Nullable String unframe(String line) {
        int tab = line.lastIndexOf('\t');
        if (tab < 0) {
            return null;
        }
        String entry = line.substring(0, tab);
        return crcHex(entry.getBytes(StandardCharsets.UTF_8)).equals(line.substring(tab + 1)) ? entry : null;
    }

    private static String crcHex(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format("%08x", crc.getValue());
    }
}
