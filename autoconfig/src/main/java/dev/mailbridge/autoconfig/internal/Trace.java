package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.autoconfig.Source;
import dev.mailbridge.autoconfig.SourceAttempt;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the questions of one discovery from every thread. */
public final class Trace {
    private final List<SourceAttempt> attempts = new CopyOnWriteArrayList<>();

    public void add(Source source, String request, SourceAttempt.Outcome outcome, String detail, long startNanos) {
        attempts.add(
                new SourceAttempt(source, request, outcome, detail, Duration.ofNanos(System.nanoTime() - startNanos)));
    }

    public List<SourceAttempt> attempts() {
        return List.copyOf(attempts);
    }
}
