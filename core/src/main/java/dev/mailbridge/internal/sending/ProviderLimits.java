package dev.mailbridge.internal.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What one client has sent per mailbox in the last day, and how many SMTP connections it holds per mailbox, checked
 * against the provider's published limits. A message over a limit is reported at once instead of queued: the provider
 * would refuse it (or lock the account) and the application should decide when to try again.
 *
 * <p>The counts are this client's only: other clients and other programs sending from the same mailbox are invisible
 * to it, so the provider's own refusal stays possible and is reported like any other.
 */
public final class ProviderLimits {
    private static final Duration DAY = Duration.ofDays(1);

    private final Map<String, Deque<Instant>> sentToday = new HashMap<>();
    private final Map<String, Semaphore> connections = new ConcurrentHashMap<>();

    /**
     * Counts one message for {@code mailbox} unless {@code perDay} were already sent in the last 24 hours.
     *
     * @return empty when counted; otherwise when the oldest counted message leaves the window
     */
    public synchronized Optional<Instant> reserve(String mailbox, int perDay, Instant now) {
        Deque<Instant> times = sentToday.computeIfAbsent(mailbox, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().plus(DAY).isAfter(now)) {
            times.removeFirst();
        }
        if (times.size() >= perDay) {
            return Optional.of(times.peekFirst().plus(DAY));
        }
        times.addLast(now);
        return Optional.empty();
    }

    /** Un-counts a message reserved at {@code at} that was not sent after all. */
    public synchronized void release(String mailbox, Instant at) {
        Deque<Instant> times = sentToday.get(mailbox);
        if (times != null) {
            times.removeLastOccurrence(at);
        }
    }

    /**
     * Takes one of {@code max} connection slots for {@code mailbox}, waiting up to {@code wait}.
     *
     * @return whether a slot was taken; give it back with {@link #releaseConnection}
     */
    public boolean acquireConnection(String mailbox, int max, Duration wait) throws InterruptedException {
        Semaphore slots = connections.computeIfAbsent(mailbox + "\n" + max, k -> new Semaphore(max));
        return slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Gives back a slot taken by {@link #acquireConnection}. */
    public void releaseConnection(String mailbox, int max) {
        Semaphore slots = connections.get(mailbox + "\n" + max);
        if (slots != null) {
            slots.release();
        }
    }
}
