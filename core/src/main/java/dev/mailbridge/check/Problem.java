package dev.mailbridge.check;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a direction of the check failed, and what to do about it.
 *
 * @param code stable classification
 * @param message what happened, in one line a person understands
 * @param serverReply the server's own words, with any credential removed; {@code null} when the server said nothing
 * @param fix the concrete change that should make it work
 */
public record Problem(
        ProblemCode code, String message, @Nullable String serverReply, String fix) {
    /** Checks that nothing is missing. */
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }
}
