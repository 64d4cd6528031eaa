package dev.mailbridge.check;

import dev.mailbridge.Endpoint;
import dev.mailbridge.Protocol;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The check of one direction: the phases that ran in order, and on failure the problem and what the standard
 * alternative ports answered.
 *
 * @param direction incoming or outgoing
 * @param protocol IMAP, POP3 or SMTP
 * @param endpoint the server checked
 * @param username the login name used
 * @param phases the phases that ran, in order; the last one failed when {@code problem} is present
 * @param problem why it failed, or {@code null} when it works
 * @param alternatives what standard alternatives answered; empty unless a port or TLS-mode problem made them worth
 *     probing
 */
public record DirectionReport(
        Direction direction,
        Protocol protocol,
        Endpoint endpoint,
        String username,
        List<PhaseResult> phases,
        @Nullable Problem problem,
        List<AlternativeResult> alternatives) {

    /** Which way mail flows. */
    public enum Direction {
        /** Reading mail (IMAP or POP3). */
        INCOMING,
        /** Sending mail (SMTP). */
        OUTGOING
    }

    /** Copies the lists. */
    public DirectionReport {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(username, "username");
        phases = List.copyOf(phases);
        alternatives = List.copyOf(alternatives);
    }

    /** Whether this direction works. */
    public boolean ok() {
        return problem == null;
    }

    /** The problem, if it failed. */
    public Optional<Problem> failure() {
        return Optional.ofNullable(problem);
    }

    /** The total time of all phases. */
    public Duration duration() {
        Duration total = Duration.ZERO;
        for (PhaseResult phase : phases) {
            total = total.plus(phase.duration());
        }
        return total;
    }

    /** The alternatives that worked, best first. */
    public List<AlternativeResult> workingAlternatives() {
        return alternatives.stream().filter(AlternativeResult::works).toList();
    }
}
