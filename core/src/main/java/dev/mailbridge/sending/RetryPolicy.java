package dev.mailbridge.sending;

import java.time.Duration;
import java.util.Objects;

/**
 * How sending retries a temporary failure: a 4xx reply to the sender, a recipient or the message, or a connection that
 * broke before the message was handed over. Permanent 5xx refusals are never retried, and neither is a message whose
 * hand-over may have completed (the connection broke after the final dot), because retrying could deliver it twice.
 *
 * <p>Immutable. {@link #ofDefaults()} tries three times, waiting 1 s, then 2 s.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.newBuilder()
 *         .maxAttempts(5)
 *         .exponentialBackoff(Duration.ofSeconds(2), 2.0, Duration.ofMinutes(1))
 *         .build();
 * }</pre>
 */
public final class RetryPolicy {
    private static final RetryPolicy DEFAULTS = newBuilder().build();
    private static final RetryPolicy NONE = newBuilder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialDelay;
    private final double multiplier;
    private final Duration maxDelay;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialDelay = b.initialDelay;
        this.multiplier = b.multiplier;
        this.maxDelay = b.maxDelay;
    }

    /** Three attempts, 1 s then 2 s apart. */
    public static RetryPolicy ofDefaults() {
        return DEFAULTS;
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return NONE;
    }

    /** Starts from the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Attempts per message, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * How long to wait before attempt number {@code attempt} (2 for the first retry): the initial delay times the
     * multiplier for each earlier retry, capped at the maximum.
     */
    public Duration delayBefore(int attempt) {
        if (attempt < 2) {
            return Duration.ZERO;
        }
        double millis = initialDelay.toMillis() * Math.pow(multiplier, attempt - 2);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }

    /** {@code RetryPolicy[3 attempts, 1000 ms x2.0 up to 30000 ms]}. */
    @Override
    public String toString() {
        return "RetryPolicy[" + maxAttempts + " attempts, " + initialDelay.toMillis() + " ms x" + multiplier + " up to "
                + maxDelay.toMillis() + " ms]";
    }

    /** Builds a {@link RetryPolicy}; each setter checks its value at once. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialDelay = Duration.ofSeconds(1);
        private double multiplier = 2.0;
        private Duration maxDelay = Duration.ofSeconds(30);

        private Builder() {}

        /** Attempts per message, the first included: 1 (no retry) to 10. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException("maxAttempts is " + attempts + "; it must be 1 to 10");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Waits {@code initial} before the first retry, multiplying by {@code multiplier} for each further one, never
         * longer than {@code max}.
         */
        public Builder exponentialBackoff(Duration initial, double multiplier, Duration max) {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(max, "max");
            if (initial.isNegative() || max.isNegative() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff from " + initial + " to " + max
                        + " is not a range: both must be zero or positive and max at least initial");
            }
            if (max.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("backoff max is " + max + "; at most 10 minutes is allowed");
            }
            if (!(multiplier >= 1.0) || multiplier > 10.0) {
                throw new IllegalArgumentException("backoff multiplier is " + multiplier + "; it must be 1.0 to 10.0");
            }
            this.initialDelay = initial;
            this.multiplier = multiplier;
            this.maxDelay = max;
            return this;
        }

        /** Builds the policy. */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
