package dev.mailbridge.internal.retrieval;

import dev.mailbridge.retrieval.CursorLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where retrieval stands in one IMAP folder, and the one place that knows how that is written down. Every change is
 * made through a method that applies it and returns its log entry, and {@link #apply(String)} replays an entry through
 * the same code, so what a restart reads back is exactly what the run held.
 *
 * <ul>
 *   <li>{@code floor}: every UID up to it is settled, waiting in {@code retry}, or handled with its policy pending;
 *   <li>{@code retry}: UIDs to offer again (the handler failed, or a newest-first run left them for later), as ranges;
 *   <li>{@code pending}: handled UIDs whose after-handling policy (move, delete, flag) is not yet confirmed by the
 *       server, with their fingerprints; the next run completes them before anything else;
 *   <li>{@code copied}: pending UIDs already copied to the policy's folder on a server without MOVE, so completing
 *       them after a crash flags and expunges without copying twice;
 *   <li>{@code handled}: fingerprints of handled messages that stay in the folder (leave and mark-seen), to recognise
 *       them if the server renumbers it; a message moved or deleted away needs none;
 *   <li>{@code window}: the start of the backfill window of the folder's first run, so a renumbered folder is searched
 *       over the same window.
 * </ul>
 *
 * <p>Entries: {@code d UID FP} settled, {@code p UID FP} handled with policy pending, {@code f UID} to retry, {@code o
 * FLOOR SET} offered (a newest-first selection: the floor jumps and the set waits in retry), {@code c SET} copied
 * to the policy's folder, {@code a SET kept|gone} policy applied, {@code g SET} no longer on the server.
 */
final class ImapCursor {
    private static final String SNAPSHOT_MAGIC = "imap 2";

    private long uidValidity;
    private long floor;
    private final UidSet retry = new UidSet();
    private final Map<Long, Long> pending = new LinkedHashMap<>();
    private final UidSet copied = new UidSet();
    private FingerprintSet handled = new FingerprintSet();
    private @Nullable Instant window;

    private ImapCursor(long uidValidity) {
        this.uidValidity = uidValidity;
    }

    /** A folder seen for the first time, or renumbered, under {@code uidValidity}. */
    static ImapCursor fresh(long uidValidity, @Nullable Instant window) {
        ImapCursor cursor = new ImapCursor(uidValidity);
        cursor.window = window;
        return cursor;
    }

    long uidValidity() {
        return uidValidity;
    }

    long floor() {
        return floor;
    }

    UidSet retry() {
        return retry;
    }

    /** The pending UIDs, ascending. */
    UidSet pendingUids() {
        return UidSet.of(pending.keySet());
    }

    /** The pending UIDs already copied to the policy's folder. */
    UidSet copiedUids() {
        return copied;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    @Nullable
    Instant window() {
        return window;
    }

    /** Whether a message with this fingerprint was handled here: settled and kept, or with its policy pending. */
    boolean wasHandled(long fingerprint) {
        return handled.contains(fingerprint) || pending.containsValue(fingerprint);
    }

    boolean pendingFingerprint(long fingerprint) {
        return pending.containsValue(fingerprint);
    }

    /** How much a snapshot holds, to decide when the entries have outgrown it. */
    int weight() {
        return handled.size() + pending.size() + 16;
    }

    /** Handled (leave), malformed, or recognised: done, and remembered by fingerprint. */
    String settled(long uid, long fingerprint) {
        return applied("d " + uid + " " + hex(fingerprint));
    }

    /** Handled, its policy to be applied with the batch. */
    String pending(long uid, long fingerprint) {
        return applied("p " + uid + " " + hex(fingerprint));
    }

    /** The handler failed: offered again next run. */
    String failed(long uid) {
        return applied("f " + uid);
    }

    /** A newest-first selection: everything up to {@code newFloor} was found, and {@code waiting} is not settled. */
    String offered(long newFloor, UidSet waiting) {
        return applied("o " + newFloor + " " + waiting);
    }

    /** {@code uids}, pending, were copied to the policy's folder; flagging and expunging them is what remains. */
    String copied(UidSet uids) {
        return applied("c " + uids);
    }

    /** The policy is done for {@code uids}; {@code kept} when the messages stay in the folder (mark seen, leave). */
    String policyApplied(UidSet uids, boolean kept) {
        return applied("a " + uids + " " + (kept ? "kept" : "gone"));
    }

    /** {@code uids} are no longer on the server. */
    String gone(UidSet uids) {
        return applied("g " + uids);
    }

    private String applied(String entry) {
        apply(entry);
        return entry;
    }

    /** Replays one entry of the log. */
    void apply(String entry) {
        String[] f = entry.split(" ", -1);
        switch (f[0]) {
            case "d" -> {
                long uid = Long.parseLong(f[1]);
                raiseFloor(uid);
                retry.remove(uid);
                pending.remove(uid);
                copied.remove(uid);
                handled.add(parseHex(f[2]));
            }
            case "p" -> {
                long uid = Long.parseLong(f[1]);
                raiseFloor(uid);
                retry.remove(uid);
                pending.put(uid, parseHex(f[2]));
            }
            case "f" -> {
                long uid = Long.parseLong(f[1]);
                raiseFloor(uid);
                retry.add(uid);
            }
            case "o" -> {
                raiseFloor(Long.parseLong(f[1]));
                retry.addAll(UidSet.parse(f[2]));
            }
            case "c" -> {
                for (long uid : UidSet.parse(f[1])) {
                    if (pending.containsKey(uid)) {
                        copied.add(uid);
                    }
                }
            }
            case "a" -> {
                boolean kept = f[2].equals("kept");
                for (long uid : UidSet.parse(f[1])) {
                    copied.remove(uid);
                    Long fingerprint = pending.remove(uid);
                    if (fingerprint != null && kept) {
                        handled.add(fingerprint);
                    }
                }
            }
            case "g" -> {
                for (long uid : UidSet.parse(f[1])) {
                    retry.remove(uid);
                    pending.remove(uid);
                    copied.remove(uid);
                }
            }
            default -> throw new IllegalStateException("unknown IMAP cursor entry: " + entry);
        }
    }

    private void raiseFloor(long uid) {
        floor = Math.max(floor, uid);
    }

    String snapshot() {
        StringBuilder text = new StringBuilder(SNAPSHOT_MAGIC).append('\n');
        text.append("uidvalidity=").append(uidValidity).append('\n');
        text.append("floor=").append(floor).append('\n');
        if (window != null) {
            text.append("window=").append(window).append('\n');
        }
        text.append("retry=").append(retry).append('\n');
        List<String> pendingText = new ArrayList<>();
        pending.forEach((uid, fingerprint) -> pendingText.add(uid + ":" + hex(fingerprint)));
        text.append("pending=").append(String.join(",", pendingText)).append('\n');
        text.append("copied=").append(copied).append('\n');
        text.append("handled=").append(handled.encode());
        return text.toString();
    }

    /** The cursor a log describes, or null when it is empty. */
    static @Nullable ImapCursor read(CursorLog log) {
        ImapCursor cursor = parseSnapshot(log.snapshot());
        for (String entry : log.entries()) {
            if (cursor == null) {
                throw new IllegalStateException("an IMAP cursor log has entries but no snapshot");
            }
            cursor.apply(entry);
        }
        return cursor;
    }

    private static @Nullable ImapCursor parseSnapshot(String snapshot) {
        if (snapshot.isEmpty()) {
            return null;
        }
        String[] lines = snapshot.split("\n", -1);
        boolean legacy = lines[0].equals("mailbridge-cursor 1");
        if (!legacy && !lines[0].equals(SNAPSHOT_MAGIC)) {
            throw new IllegalStateException("not an IMAP cursor: " + lines[0]);
        }
        ImapCursor cursor = new ImapCursor(-1);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            switch (key) {
                case "uidvalidity" -> cursor.uidValidity = Long.parseLong(value);
                case "floor", "lastuid" -> cursor.floor = Long.parseLong(value);
                case "window" -> cursor.window = Instant.parse(value);
                case "retry" -> {
                    // version 1 wrote one UID per line; version 2 one set
                    if (!value.isEmpty()) {
                        cursor.retry.addAll(UidSet.parse(value));
                    }
                }
                case "pending" -> {
                    if (!value.isEmpty()) {
                        for (String item : value.split(",", -1)) {
                            int colon = item.indexOf(':');
                            cursor.pending.put(
                                    Long.parseLong(item.substring(0, colon)), parseHex(item.substring(colon + 1)));
                        }
                    }
                }
                case "copied" -> {
                    if (!value.isEmpty()) {
                        cursor.copied.addAll(UidSet.parse(value));
                    }
                }
                case "handled" -> {
                    // version 1 kept 256 SHA-256 prefixes of other fields, which cannot be turned into fingerprints:
                    // a cursor carried over from it recognises only mail handled from now on after a renumbering
                    if (!legacy) {
                        cursor.handled = FingerprintSet.decode(value);
                    }
                }
                default -> {
                    // written by a newer version, or version 1's lastreceived: not needed
                }
            }
        }
        return cursor;
    }

    private static String hex(long fingerprint) {
        return HexFormat.of().toHexDigits(fingerprint);
    }

    private static long parseHex(String text) {
        return Long.parseUnsignedLong(text, 16);
    }
}
