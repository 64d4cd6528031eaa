package dev.mailbridge.internal.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The auto-replies one mailbox sent, by recipient, for a checkpoint store to keep. Entries older than the period asked
 * for are dropped on each claim, so the set stays as small as the period's correspondents.
 */
public final class AutoReplyClaims {
    private final Map<String, Instant> sentAt = new LinkedHashMap<>();

    /** Reads {@code epochMillis TAB recipient} lines; unreadable lines are skipped (they only cost one extra reply). */
    public static AutoReplyClaims parse(List<String> lines) {
        AutoReplyClaims claims = new AutoReplyClaims();
        for (String line : lines) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                try {
                    claims.sentAt.put(
                            line.substring(tab + 1), Instant.ofEpochMilli(Long.parseLong(line.substring(0, tab))));
                } catch (NumberFormatException ignored) {
                    // a damaged line
                }
            }
        }
        return claims;
    }

    /** Claims {@code recipient} at {@code now} unless claimed within {@code period}; whether it was claimed. */
    public boolean claim(String recipient, Instant now, Duration period) {
        sentAt.values().removeIf(at -> !at.plus(period).isAfter(now));
        if (sentAt.containsKey(recipient)) {
            return false;
        }
        sentAt.put(recipient, now);
        return true;
    }

    /** Drops the claim made at {@code claimedAt}, if it is still the current one. */
    public void release(String recipient, Instant claimedAt) {
        sentAt.remove(recipient, claimedAt);
    }

    /** The lines {@link #parse} reads. */
    public String format() {
        StringBuilder text = new StringBuilder();
        sentAt.forEach((recipient, at) ->
                text.append(at.toEpochMilli()).append('\t').append(recipient).append('\n'));
        return text.toString();
    }
}
