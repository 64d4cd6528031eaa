package dev.mailbridge.sending;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules for automatic replies, such as a helpdesk's "we received your request". Whatever the policy, Mailbridge
 * never answers automatic mail (RFC 3834: {@code Auto-Submitted} other than {@code no}, {@code Precedence:
 * bulk/list/junk}, {@code List-Id}, an empty Return-Path, mailer-daemon and no-reply senders, the mailbox itself), so
 * two auto-responders cannot loop. The policy adds how often one sender may get one.
 */
public final class AutoReplyPolicy {
    private static final AutoReplyPolicy DEFAULTS = newBuilder().build();

    private final Duration period;

    private AutoReplyPolicy(Builder b) {
        this.period = b.period;
    }

    /** At most one auto-reply per sender per day. */
    public static AutoReplyPolicy ofDefaults() {
        return DEFAULTS;
    }

    /** Starts from the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The period within which one sender gets at most one auto-reply. */
    public Duration period() {
        return period;
    }

    @Override
    public String toString() {
        return "AutoReplyPolicy[one per sender per " + period + "]";
    }

    /** Builds an {@link AutoReplyPolicy}. */
    public static final class Builder {
        private Duration period = Duration.ofDays(1);

        private Builder() {}

        /** At most one auto-reply per sender within {@code period} (1 minute to 365 days); one day by default. */
        public Builder onePerSenderEvery(Duration period) {
            Objects.requireNonNull(period, "period");
            if (period.compareTo(Duration.ofMinutes(1)) < 0 || period.compareTo(Duration.ofDays(365)) > 0) {
                throw new IllegalArgumentException(
                        "auto-reply period is " + period + "; it must be between 1 minute and 365 days");
            }
            this.period = period;
            return this;
        }

        /** Builds the policy. */
        public AutoReplyPolicy build() {
            return new AutoReplyPolicy(this);
        }
    }
}
