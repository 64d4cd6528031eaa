package dev.mailbridge.autoconfig;

import java.util.List;
import java.util.Objects;

/**
 * One check of a domain's mail records.
 *
 * @param kind what was checked
 * @param verdict pass, warn or fail
 * @param records the records seen, as published
 * @param message what was found, in one line
 * @param fix what to change; empty when nothing needs changing
 */
public record ReadinessCheck(Kind kind, Verdict verdict, List<String> records, String message, String fix) {
    /** Copies the list and checks that nothing is missing. */
    public ReadinessCheck {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(verdict, "verdict");
        records = List.copyOf(records);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    /** What a check looks at. */
    public enum Kind {
        /** MX records: who receives the domain's mail. */
        MX,
        /** The SPF record: who may send as the domain. */
        SPF,
        /** DKIM keys: signatures on the domain's mail. */
        DKIM,
        /** The DMARC policy: what receivers do with mail that fails SPF and DKIM. */
        DMARC
    }

    /** How a check came out. */
    public enum Verdict {
        /** Right as it is. */
        PASS,
        /** Works, but mail may be rejected or reports lost; the fix says how to improve it. */
        WARN,
        /** Missing or broken: mail will be rejected or spoofable; the fix says what to publish. */
        FAIL
    }
}
