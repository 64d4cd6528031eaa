package dev.mailbridge.internal.check;

import dev.mailbridge.Phase;
import dev.mailbridge.check.PhaseResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Times phases and records their results in order. */
final class PhaseLog {
    private final List<PhaseResult> results = new ArrayList<>();
    private final Consumer<PhaseResult> listener;
    private long startedNanos;

    PhaseLog(Consumer<PhaseResult> listener) {
        this.listener = listener;
    }

    void start() {
        startedNanos = System.nanoTime();
    }

    void succeeded(Phase phase, String detail) {
        add(new PhaseResult(phase, true, elapsed(), detail));
    }

    void failed(Phase phase, String detail) {
        add(new PhaseResult(phase, false, elapsed(), detail));
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private void add(PhaseResult result) {
        results.add(result);
        listener.accept(result);
    }

    List<PhaseResult> results() {
        return results;
    }
}
