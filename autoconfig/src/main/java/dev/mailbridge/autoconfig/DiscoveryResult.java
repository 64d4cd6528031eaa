package dev.mailbridge.autoconfig;

import dev.mailbridge.EmailAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What discovery found for an address: candidates ranked best first (by source, then implicit TLS before STARTTLS as
 * RFC 8314 recommends, then IMAP before POP3), and the trace of every question asked.
 *
 * @param address the address
 * @param candidates ranked, best first; empty when nothing was found
 * @param trace every question, in the order they ended
 * @param duration wall time of the whole discovery
 */
public record DiscoveryResult(
        EmailAddress address, List<Candidate> candidates, List<SourceAttempt> trace, Duration duration) {
    /** Copies the lists. */
    public DiscoveryResult {
        Objects.requireNonNull(address, "address");
        candidates = List.copyOf(candidates);
        trace = List.copyOf(trace);
        Objects.requireNonNull(duration, "duration");
    }

    /** The best candidate, if any. */
    public Optional<Candidate> best() {
        return candidates.stream().findFirst();
    }

    /** A few lines for a person: the candidates, then the trace. */
    public String toText() {
        StringBuilder text = new StringBuilder("Discovery for ")
                .append(address)
                .append(" in ")
                .append(duration.toMillis())
                .append(" ms\n");
        if (candidates.isEmpty()) {
            text.append("  nothing found: ask the provider for the IMAP/POP3 and SMTP settings\n");
        }
        for (Candidate c : candidates) {
            text.append("  ").append(c).append('\n');
        }
        text.append("Trace:\n");
        for (SourceAttempt attempt : trace) {
            text.append("  ").append(attempt).append('\n');
        }
        return text.toString();
    }
}
