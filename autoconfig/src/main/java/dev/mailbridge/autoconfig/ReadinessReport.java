package dev.mailbridge.autoconfig;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A domain's mail records checked: MX, SPF, DKIM and DMARC, each pass, warn or fail with the records seen and a fix.
 *
 * @param domain the domain checked
 * @param provider the mail provider the MX records point to, when a preset recognised it
 * @param checks one per kind, in the order MX, SPF, DKIM, DMARC
 */
public record ReadinessReport(String domain, @Nullable String provider, List<ReadinessCheck> checks) {
    /** Copies the list. */
    public ReadinessReport {
        Objects.requireNonNull(domain, "domain");
        checks = List.copyOf(checks);
    }

    /** Whether no check failed (warnings allowed). */
    public boolean ok() {
        return checks.stream().noneMatch(c -> c.verdict() == ReadinessCheck.Verdict.FAIL);
    }

    /** The check of {@code kind}. */
    public Optional<ReadinessCheck> check(ReadinessCheck.Kind kind) {
        return checks.stream().filter(c -> c.kind() == kind).findFirst();
    }

    /** A few lines for a person. */
    public String toText() {
        StringBuilder text = new StringBuilder("Mail records of ").append(domain);
        if (provider != null) {
            text.append(" (mail handled by ").append(provider).append(')');
        }
        text.append('\n');
        for (ReadinessCheck c : checks) {
            text.append("  ")
                    .append(c.verdict())
                    .append(' ')
                    .append(c.kind())
                    .append(": ")
                    .append(c.message())
                    .append('\n');
            for (String record : c.records()) {
                text.append("       ").append(record).append('\n');
            }
            if (!c.fix().isEmpty()) {
                text.append("       Fix: ").append(c.fix()).append('\n');
            }
        }
        return text.toString();
    }
}
