package dev.mailbridge.check;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The optional live round trip: a test message sent from the mailbox to itself over SMTP and looked for over IMAP or
 * POP3 until a deadline.
 *
 * @param steps what was done, in order (sent, found, removed)
 * @param elapsed from the start of sending until the message was found or the deadline passed
 * @param problem why it did not complete, or {@code null} when the message arrived
 */
public record RoundTripReport(
        List<PhaseResult> steps, Duration elapsed, @Nullable Problem problem) {
    /** Copies the steps. */
    public RoundTripReport {
        steps = List.copyOf(steps);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Whether the test message arrived. */
    public boolean delivered() {
        return problem == null;
    }

    /** The problem, if it did not complete. */
    public Optional<Problem> failure() {
        return Optional.ofNullable(problem);
    }
}
