package dev.mailbridge.sending;

import java.util.Objects;

/**
 * How a batch is sent: retries, the largest message accepted, and the copy in Sent. Immutable; {@link #defaults()} is
 * {@link RetryPolicy#ofDefaults()}, 25 MiB and {@link CopyToSent#AUTO}.
 */
public final class SendOptions {
    private static final long DEFAULT_MAX_SIZE = 25L * 1024 * 1024;
    private static final SendOptions DEFAULTS = newBuilder().build();

    private final RetryPolicy retryPolicy;
    private final long maxMessageSize;
    private final CopyToSent copyToSent;

    private SendOptions(Builder b) {
        this.retryPolicy = b.retryPolicy;
        this.maxMessageSize = b.maxMessageSize;
        this.copyToSent = b.copyToSent;
    }

    /** Default retries, 25 MiB, automatic Sent copy. */
    public static SendOptions defaults() {
        return DEFAULTS;
    }

    /** Starts from the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** How temporary failures are retried. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The largest encoded message, in bytes, that is sent; larger ones fail before any connection is made. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /** Whether a copy goes to the Sent folder. */
    public CopyToSent copyToSent() {
        return copyToSent;
    }

    @Override
    public String toString() {
        return "SendOptions[" + retryPolicy + ", maxMessageSize=" + maxMessageSize + ", copyToSent=" + copyToSent + "]";
    }

    /** Builds {@link SendOptions}; each setter checks its value at once. */
    public static final class Builder {
        private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
        private long maxMessageSize = DEFAULT_MAX_SIZE;
        private CopyToSent copyToSent = CopyToSent.AUTO;

        private Builder() {}

        /** How temporary failures are retried; {@link RetryPolicy#ofDefaults()} unless set. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /** The largest encoded message in bytes (attachments grow by a third in base64); 25 MiB unless set. */
        public Builder maxMessageSize(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxMessageSize is " + bytes + " bytes; it must be at least 1024");
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /** Whether to append a copy to Sent; {@link CopyToSent#AUTO} unless set. */
        public Builder copyToSent(CopyToSent mode) {
            this.copyToSent = Objects.requireNonNull(mode, "copyToSent");
            return this;
        }

        /** Builds the options. */
        public SendOptions build() {
            return new SendOptions(this);
        }
    }
}
