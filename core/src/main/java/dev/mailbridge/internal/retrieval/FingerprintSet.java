package dev.mailbridge.internal.retrieval;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * The 64-bit {@link MessageFingerprint}s of handled messages, in an open-addressing table of primitive longs: 8 to 16
 * bytes a message where a {@code HashSet<Long>} takes about 50, because a cursor of a mailbox that leaves its mail on
 * the server remembers every message it handled. Written as base64 of the sorted values. Not thread-safe.
 */
final class FingerprintSet {
    private long[] table = new long[64];
    private int size;

    /** Adds a fingerprint; 0 is the table's empty marker, so fingerprints are never 0 ({@link MessageFingerprint}). */
    void add(long fingerprint) {
        requireNonZero(fingerprint);
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        int slot = slot(table, fingerprint);
        if (table[slot] == 0) {
            table[slot] = fingerprint;
            size++;
        }
    }

    boolean contains(long fingerprint) {
        return fingerprint != 0 && table[slot(table, fingerprint)] == fingerprint;
    }

    int size() {
        return size;
    }

    /** Base64 of the sorted fingerprints, 8 bytes each, big-endian. */
    String encode() {
        long[] values = new long[size];
        int n = 0;
        for (long value : table) {
            if (value != 0) {
                values[n++] = value;
            }
        }
        Arrays.sort(values);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES);
        for (long value : values) {
            bytes.putLong(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    static FingerprintSet decode(String text) {
        byte[] bytes = Base64.getDecoder().decode(text);
        if (bytes.length % Long.BYTES != 0) {
            throw new IllegalArgumentException("fingerprints are not a whole number of 8-byte values");
        }
        FingerprintSet set = new FingerprintSet();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            set.add(buffer.getLong());
        }
        return set;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        for (long value : old) {
            if (value != 0) {
                table[slot(table, value)] = value;
            }
        }
    }

    private static int slot(long[] table, long value) {
        int mask = table.length - 1;
        int slot = (int) mix(value) & mask;
        while (table[slot] != 0 && table[slot] != value) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** The fingerprints are hashes already, but tests and old cursors may hold structured values: spread them. */
    private static long mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    private static void requireNonZero(long fingerprint) {
        if (fingerprint == 0) {
            throw new IllegalArgumentException("a fingerprint is never 0");
        }
    }
}
