package dev.mailbridge.check;

import dev.mailbridge.Phase;
import java.time.Duration;
import java.util.Objects;

/**
 * One phase of a check: whether it succeeded, how long it took, and what was learnt (addresses, TLS version,
 * capabilities). Never holds a secret.
 *
 * @param phase the step
 * @param succeeded whether it succeeded
 * @param duration how long it took
 * @param detail what was learnt or what failed, one line
 */
public record PhaseResult(Phase phase, boolean succeeded, Duration duration, String detail) {
    /** Checks that nothing is missing. */
    public PhaseResult {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(detail, "detail");
    }
}
