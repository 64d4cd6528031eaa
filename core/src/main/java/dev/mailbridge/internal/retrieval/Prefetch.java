package dev.mailbridge.internal.retrieval;

import jakarta.mail.MessagingException;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * One IMAP fetch running on its own short-lived daemon thread while the caller's thread parses and hands out the
 * batch before it, so the server's and the wire's time overlaps the client's instead of adding to it. The caller sends
 * no command of its own until {@link #join()} returned: Jakarta reassigns the connection of a folder whose connection
 * died, and a second command racing that cleanup can land on a connection with no mailbox selected. What the fetch
 * throws reaches the caller unchanged at {@code join()}.
 */
final class Prefetch<T> {
    /** The fetch. */
    interface Fetch<T> {
        T run() throws MessagingException;
    }

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile @Nullable T result;
    private volatile @Nullable Throwable failure;

    private Prefetch() {}

    /** Starts {@code fetch} now. */
    static <T> Prefetch<T> start(Fetch<T> fetch) {
        Prefetch<T> prefetch = new Prefetch<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        prefetch.result = fetch.run();
                    } catch (Throwable e) { // handed to the caller, whatever it is
                        prefetch.failure = e;
                    } finally {
                        prefetch.done.countDown();
                    }
                },
                "mailbridge-prefetch");
        thread.setDaemon(true);
        thread.start();
        return prefetch;
    }

    /** Waits for the fetch; returns its result or throws what it threw. */
    T join() throws MessagingException {
        awaitQuietly();
        Throwable thrown = failure;
        if (thrown instanceof MessagingException e) {
            throw e;
        }
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        T value = result;
        if (value == null) {
            throw new IllegalStateException("the prefetch ended without a result", thrown);
        }
        return value;
    }

    /**
     * Waits for the fetch to end and drops its outcome: the caller is already failing, and the connection must not be
     * closed under a command still running on it.
     */
    void awaitQuietly() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the fetch is bounded by the read timeout; keep waiting, then restore the flag
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
