package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.autoconfig.ReadinessCheck;
import dev.mailbridge.autoconfig.ReadinessCheck.Kind;
import dev.mailbridge.autoconfig.ReadinessCheck.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * SPF (RFC 7208): exactly one {@code v=spf1} record, every term valid, at most 10 DNS-querying terms counted through
 * includes and redirects, the sending provider included, and an {@code all} that does not let everyone send.
 */
final class SpfCheck {
    private static final int MAX_LOOKUPS = 10;
    private static final Pattern MECHANISM = Pattern.compile(
            "[+\\-~?]?(all|include:\\S+|a(:\\S+)?(/\\d+)?|mx(:\\S+)?(/\\d+)?|ptr(:\\S+)?|ip4:\\S+|ip6:\\S+"
                    + "|exists:\\S+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MODIFIER = Pattern.compile("[a-z][a-z0-9_.-]*=\\S*", Pattern.CASE_INSENSITIVE);

    private final DnsClient dns;
    private final List<String> problems = new ArrayList<>();
    private Verdict verdict = Verdict.PASS;

    SpfCheck(DnsClient dns) {
        this.dns = dns;
    }

    ReadinessCheck check(String domain, @Nullable String providerInclude) {
        List<String> records = spf(domain);
        String suggestion = "v=spf1 "
                + (providerInclude == null ? "include:<your provider's SPF domain>" : "include:" + providerInclude)
                + " ~all";
        if (records.isEmpty()) {
            return new ReadinessCheck(
                    Kind.SPF,
                    Verdict.FAIL,
                    records,
                    domain + " has no SPF record: receivers cannot tell your mail from forgeries",
                    "Publish a TXT record at " + domain + ": \"" + suggestion + "\"");
        }
        if (records.size() > 1) {
            return new ReadinessCheck(
                    Kind.SPF,
                    Verdict.FAIL,
                    records,
                    records.size() + " SPF records: receivers treat more than one as a permanent error",
                    "Merge them into one TXT record starting with v=spf1.");
        }
        String record = records.get(0);
        String[] terms = record.strip().split("\\s+");
        List<String> includes = new ArrayList<>();
        String all = null;
        boolean redirect = false;
        for (int i = 1; i < terms.length; i++) {
            String term = terms[i];
            String lower = term.toLowerCase(Locale.ROOT);
            if (MECHANISM.matcher(term).matches()) {
                String bare = lower.replaceFirst("^[+\\-~?]", "");
                if (bare.startsWith("include:")) {
                    includes.add(bare.substring(8));
                }
                if (bare.equals("all")) {
                    all = lower.length() == 3 ? "+all" : lower;
                }
            } else if (MODIFIER.matcher(term).matches()) {
                redirect |= lower.startsWith("redirect=");
            } else {
                problem(Verdict.FAIL, "'" + term + "' is not an SPF mechanism or modifier");
            }
        }
        int lookups = lookups(record, 0, new HashSet<>(Set.of(domain)));
        if (lookups > MAX_LOOKUPS) {
            problem(
                    Verdict.FAIL,
                    lookups + " DNS lookups through includes, over the limit of " + MAX_LOOKUPS
                            + " (receivers then fail SPF)");
        }
        if (providerInclude != null && !includes.contains(providerInclude)) {
            problem(Verdict.WARN, "it does not include " + providerInclude + ", your mail provider's senders");
        }
        if (all == null && !redirect) {
            problem(Verdict.WARN, "it ends without an 'all' term, so unlisted senders are neutral");
        } else if ("+all".equals(all)) {
            problem(Verdict.FAIL, "'+all' lets anyone on the internet send as the domain");
        } else if ("?all".equals(all)) {
            problem(Verdict.WARN, "'?all' says nothing about unlisted senders");
        }
        String message = problems.isEmpty()
                ? "one valid SPF record, " + lookups + " DNS lookup(s)" + (all == null ? "" : ", ending " + all)
                : String.join("; ", problems);
        String fix = problems.isEmpty()
                ? ""
                : "Publish one record like \"" + suggestion + "\", with at most " + MAX_LOOKUPS
                        + " lookups (flatten nested includes if needed).";
        return new ReadinessCheck(Kind.SPF, verdict, records, message, fix);
    }

    private void problem(Verdict severity, String text) {
        problems.add(text);
        if (severity.ordinal() > verdict.ordinal()) {
            verdict = severity;
        }
    }

    private List<String> spf(String domain) {
        List<String> records = new ArrayList<>();
        for (String txt : dns.txt(domain).join()) {
            String lower = txt.strip().toLowerCase(Locale.ROOT);
            if (lower.equals("v=spf1") || lower.startsWith("v=spf1 ")) {
                records.add(txt.strip());
            }
        }
        return records;
    }

    /** DNS-querying terms of {@code record}, following includes and redirects (each counted once, cycles stopped). */
    private int lookups(String record, int depth, Set<String> visited) {
        int count = 0;
        for (String term : record.strip().split("\\s+")) {
            String bare = term.toLowerCase(Locale.ROOT).replaceFirst("^[+\\-~?]", "");
            String target = null;
            if (bare.startsWith("include:")) {
                target = bare.substring(8);
            } else if (bare.startsWith("redirect=")) {
                target = bare.substring(9);
            }
            if (target != null
                    || bare.equals("a")
                    || bare.startsWith("a:")
                    || bare.startsWith("a/")
                    || bare.equals("mx")
                    || bare.startsWith("mx:")
                    || bare.startsWith("mx/")
                    || bare.startsWith("ptr")
                    || bare.startsWith("exists:")) {
                count++;
            }
            if (target != null && depth < MAX_LOOKUPS && visited.add(target)) {
                try {
                    for (String nested : spf(target)) {
                        count += lookups(nested, depth + 1, visited);
                    }
                } catch (RuntimeException unreachable) {
                    problem(Verdict.WARN, "the included " + target + " could not be read");
                }
            }
        }
        return count;
    }
}
