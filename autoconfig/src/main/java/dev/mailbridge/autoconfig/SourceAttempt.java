package dev.mailbridge.autoconfig;

import java.time.Duration;
import java.util.Objects;

/**
 * One question discovery asked, for the trace.
 *
 * @param source the source asking
 * @param request what was asked: a URL, a DNS name and type, a host and port
 * @param outcome how it ended
 * @param detail the answer in short, or why there was none
 * @param latency how long it took
 */
public record SourceAttempt(Source source, String request, Outcome outcome, String detail, Duration latency) {
    /** Checks that nothing is missing. */
    public SourceAttempt {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(latency, "latency");
    }

    /** How a question ended. */
    public enum Outcome {
        /** It produced settings. */
        ANSWERED,
        /** It was answered, with nothing usable (404, no records, a document for other domains). */
        NOTHING,
        /** It failed: unreachable, malformed, refused. */
        FAILED,
        /** It did not answer within its time. */
        TIMED_OUT,
        /** It was not asked, or abandoned, because a better source had already answered. */
        NOT_NEEDED
    }

    /** {@code AUTOCONFIG https://... ANSWERED in 12 ms: ...}. */
    @Override
    public String toString() {
        return source + " " + request + " " + outcome + " in " + latency.toMillis() + " ms: " + detail;
    }
}
