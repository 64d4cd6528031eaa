package dev.mailbridge.autoconfig.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Of several questions asked at once in order of trust, the answer of the most trusted one that answered, known as soon
 * as every more trusted question has ended: a slow or hanging less-trusted URL never delays a good answer. At the
 * deadline the best answer already in is taken, so a hanging more-trusted question never hides an answer a less
 * trusted one gave in milliseconds.
 */
final class FirstByPriority {
    private FirstByPriority() {}

    /**
     * Completes with the first non-null result in list order, or {@code null} when none answered; at {@code
     * deadlineNanos} (on {@link System#nanoTime()}'s clock) with the first non-null result among those done by then.
     */
    static <T> CompletableFuture<@Nullable T> of(
            List<CompletableFuture<@Nullable T>> asked, long deadlineNanos, Executor executor) {
        CompletableFuture<@Nullable T> result = new CompletableFuture<>();
        Runnable evaluate = () -> {
            for (CompletableFuture<@Nullable T> future : asked) {
                if (!future.isDone()) {
                    return; // a more trusted question is still open
                }
                T value = valueOf(future);
                if (value != null) {
                    result.complete(value);
                    return;
                }
            }
            result.complete(null);
        };
        for (CompletableFuture<@Nullable T> future : asked) {
            future.whenComplete((value, failure) -> evaluate.run());
        }
        if (asked.isEmpty()) {
            result.complete(null);
        }
        long delay = Math.max(0, deadlineNanos - System.nanoTime());
        CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS, executor).execute(() -> {
            for (CompletableFuture<@Nullable T> future : asked) {
                T value = future.isDone() ? valueOf(future) : null;
                if (value != null) {
                    result.complete(value);
                    return;
                }
            }
            result.complete(null);
        });
        return result;
    }

    private static <T> @Nullable T valueOf(CompletableFuture<@Nullable T> done) {
        return done.isCompletedExceptionally() || done.isCancelled() ? null : done.join();
    }
}
