package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.autoconfig.ReadinessCheck;
import dev.mailbridge.autoconfig.ReadinessCheck.Kind;
import dev.mailbridge.autoconfig.ReadinessCheck.Verdict;
import java.util.List;
import java.util.Locale;

/** DMARC (RFC 7489): one {@code v=DMARC1} record at {@code _dmarc}, a policy, and an address for aggregate reports. */
final class DmarcCheck {
    private DmarcCheck() {}

    static ReadinessCheck check(List<String> txts, String domain) {
        List<String> records = txts.stream()
                .map(String::strip)
                .filter(t -> t.toLowerCase(Locale.ROOT).startsWith("v=dmarc1"))
                .toList();
        String suggestion = "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@" + domain;
        if (records.isEmpty()) {
            return new ReadinessCheck(
                    Kind.DMARC,
                    Verdict.FAIL,
                    records,
                    "no DMARC record at _dmarc." + domain + ": receivers apply their own rules to forged mail",
                    "Publish a TXT record at _dmarc." + domain + ": \"" + suggestion + "\"");
        }
        if (records.size() > 1) {
            return new ReadinessCheck(
                    Kind.DMARC,
                    Verdict.FAIL,
                    records,
                    records.size() + " DMARC records: receivers ignore them all",
                    "Keep exactly one.");
        }
        String record = records.get(0);
        String policy = ReadinessChecks.lower(ReadinessChecks.tag(record, "p")).orElse("");
        String rua = ReadinessChecks.tag(record, "rua");
        if (!policy.equals("none") && !policy.equals("quarantine") && !policy.equals("reject")) {
            return new ReadinessCheck(
                    Kind.DMARC,
                    Verdict.FAIL,
                    records,
                    "the record has no valid policy (p=" + policy + ")",
                    "Publish \"" + suggestion + "\".");
        }
        String reports = rua == null || rua.isEmpty() ? "no reporting address" : "reports to " + rua;
        if (policy.equals("none")) {
            return new ReadinessCheck(
                    Kind.DMARC,
                    Verdict.WARN,
                    records,
                    "policy none: monitoring only, forged mail is still delivered; " + reports,
                    "Once the reports show your own mail passing, move to p=quarantine, then p=reject.");
        }
        if (rua == null || rua.isEmpty()) {
            return new ReadinessCheck(
                    Kind.DMARC,
                    Verdict.WARN,
                    records,
                    "policy " + policy + ", but no reporting address: you will not see what fails",
                    "Add rua=mailto:dmarc-reports@" + domain + " to the record.");
        }
        return new ReadinessCheck(Kind.DMARC, Verdict.PASS, records, "policy " + policy + ", " + reports, "");
    }
}
