package dev.mailbridge.check;

import java.time.Duration;
import java.util.Objects;

/**
 * What a connection check does beyond the basic two-way test. {@link #defaults()} checks both directions, opens
 * {@code INBOX}, and probes standard alternative ports when a port or TLS-mode problem is found; it sends nothing.
 *
 * <pre>{@code
 * CheckOptions options = CheckOptions.newBuilder().roundTrip(Duration.ofSeconds(60)).build();
 * }</pre>
 */
public final class CheckOptions {
    private static final CheckOptions DEFAULTS = newBuilder().build();

    private final String folder;
    private final boolean probeAlternatives;
    private final Duration probeTimeout;
    private final Duration roundTripDeadline;
    private final boolean roundTrip;
    private final boolean removeTestMessage;

    private CheckOptions(Builder b) {
        this.folder = b.folder;
        this.probeAlternatives = b.probeAlternatives;
        this.probeTimeout = b.probeTimeout;
        this.roundTripDeadline = b.roundTripDeadline;
        this.roundTrip = b.roundTrip;
        this.removeTestMessage = b.removeTestMessage;
    }

    /** Both directions, INBOX, alternatives probed with a 3-second timeout, no round trip. */
    public static CheckOptions defaults() {
        return DEFAULTS;
    }

    /** Starts from the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The IMAP folder opened to prove read access. */
    public String folder() {
        return folder;
    }

    /** Whether standard alternative ports are probed after a port or TLS-mode problem. */
    public boolean probeAlternatives() {
        return probeAlternatives;
    }

    /** How long each alternative probe may take. */
    public Duration probeTimeout() {
        return probeTimeout;
    }

    /** Whether a test message is sent to the mailbox itself and looked for. */
    public boolean roundTrip() {
        return roundTrip;
    }

    /** How long to wait for the test message to arrive. */
    public Duration roundTripDeadline() {
        return roundTripDeadline;
    }

    /** Whether the test message is deleted once found. */
    public boolean removeTestMessage() {
        return removeTestMessage;
    }

    /** Builds {@link CheckOptions}. */
    public static final class Builder {
        private String folder = "INBOX";
        private boolean probeAlternatives = true;
        private Duration probeTimeout = Duration.ofSeconds(3);
        private Duration roundTripDeadline = Duration.ofSeconds(60);
        private boolean roundTrip;
        private boolean removeTestMessage = true;

        private Builder() {}

        /** The IMAP folder to open; {@code INBOX} by default. Ignored for POP3, which has only the inbox. */
        public Builder folder(String folder) {
            Objects.requireNonNull(folder, "folder");
            if (folder.isBlank()) {
                throw new IllegalArgumentException("folder is blank: give a folder name such as INBOX");
            }
            this.folder = folder;
            return this;
        }

        /** Whether to probe standard alternative ports after a port or TLS-mode problem; on by default. */
        public Builder probeAlternatives(boolean probe) {
            this.probeAlternatives = probe;
            return this;
        }

        /** How long each alternative probe may take; 3 seconds by default. */
        public Builder probeTimeout(Duration timeout) {
            this.probeTimeout = positive("probeTimeout", timeout);
            return this;
        }

        /**
         * Sends a test message from the mailbox to itself after both directions passed, and waits up to {@code
         * deadline} for it to arrive. The message is marked {@code Auto-Submitted} so it triggers no auto-reply.
         */
        public Builder roundTrip(Duration deadline) {
            this.roundTripDeadline = positive("roundTrip deadline", deadline);
            this.roundTrip = true;
            return this;
        }

        /** Whether the round-trip test message is deleted once found; on by default. */
        public Builder removeTestMessage(boolean remove) {
            this.removeTestMessage = remove;
            return this;
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " is " + value + "; it must be positive");
            }
            return value;
        }

        /** Builds the options. */
        public CheckOptions build() {
            return new CheckOptions(this);
        }
    }
}
