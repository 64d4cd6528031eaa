package dev.mailbridge.autoconfig.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Of several questions asked at once in order of trust, the answer of the most trusted one that answered, known as soon
 * as every more trusted question has ended: a slow or hanging less-trusted URL never delays a good answer.
 */
final class FirstByPriority {
    private FirstByPriority() {}

    /** Completes with the first non-null result in list order, or {@code null} when none answered. */
    static <T> CompletableFuture<@Nullable T> of(List<CompletableFuture<@Nullable T>> asked) {
        CompletableFuture<@Nullable T> result = new CompletableFuture<>();
        Runnable evaluate = () -> {
            for (CompletableFuture<@Nullable T> future : asked) {
                if (!future.isDone()) {
                    return; // a more trusted question is still open
                }
                T value = future.isCompletedExceptionally() ? null : future.join();
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
        return result;
    }
}
