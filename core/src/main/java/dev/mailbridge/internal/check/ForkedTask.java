package dev.mailbridge.internal.check;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A piece of a check run in parallel on the client's executor, which the thread that needs its result runs itself when
 * no worker has started it yet. The parts of a check (the incoming direction, the alternative probes) wait for each
 * other; with a bounded executor full of checks waiting on their own parts, plain {@code supplyAsync(...).join()}
 * starves, and a rejecting executor fails the check. Taking back an unstarted part keeps every check moving on any
 * executor, at worst one part after the other.
 */
final class ForkedTask<T> {
    private final Supplier<T> work;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private ForkedTask(Supplier<T> work) {
        this.work = work;
    }

    /** Offers {@code work} to {@code executor}; {@link #join} gets its result. */
    static <T> ForkedTask<T> fork(Supplier<T> work, Executor executor) {
        ForkedTask<T> task = new ForkedTask<>(work);
        try {
            executor.execute(task::runIfUnclaimed);
        } catch (RejectedExecutionException e) {
            // The caller runs it in join().
        }
        return task;
    }

    private void runIfUnclaimed() {
        if (!claimed.compareAndSet(false, true)) {
            return;
        }
        try {
            result.complete(work.get());
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }

    /** The result: run here if no worker took the task, else waited for. Rethrows what the work threw. */
    T join() {
        runIfUnclaimed();
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
