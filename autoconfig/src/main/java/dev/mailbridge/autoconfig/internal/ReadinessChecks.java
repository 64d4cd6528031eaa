package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.ProviderProfile;
import dev.mailbridge.autoconfig.ReadinessCheck;
import dev.mailbridge.autoconfig.ReadinessCheck.Kind;
import dev.mailbridge.autoconfig.ReadinessCheck.Verdict;
import dev.mailbridge.autoconfig.ReadinessReport;
import dev.mailbridge.providers.ProviderCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The four checks of {@link dev.mailbridge.autoconfig.DomainReadiness}. */
public final class ReadinessChecks {
    /** The SPF include and DKIM selectors of providers Mailbridge has presets for, by preset id. */
    private static final Map<String, String> SPF_INCLUDE = Map.of(
            "google-workspace", "_spf.google.com",
            "gmail", "_spf.google.com",
            "microsoft-365", "spf.protection.outlook.com",
            "outlook-com", "spf.protection.outlook.com",
            "zoho", "zoho.com",
            "fastmail", "spf.messagingengine.com");

    private static final Map<String, List<String>> DKIM_SELECTORS = Map.of(
            "google-workspace", List.of("google"),
            "microsoft-365", List.of("selector1", "selector2"),
            "fastmail", List.of("fm1", "fm2", "fm3"),
            "zoho", List.of("zmail"));

    /** Tried when neither the caller nor a recognised provider names selectors. */
    static final List<String> COMMON_SELECTORS =
            List.of("default", "google", "selector1", "selector2", "k1", "dkim", "mail", "s1", "s2");

    private final DnsClient dns;
    private final ProviderCatalog catalog;

    public ReadinessChecks(DnsClient dns, ProviderCatalog catalog) {
        this.dns = dns;
        this.catalog = catalog;
    }

    public ReadinessReport run(String domain, List<String> selectors) {
        List<ReadinessCheck> checks = new ArrayList<>();
        ProviderProfile provider = null;
        try {
            List<MXRecord> mx = mx(domain);
            if (!mx.isEmpty()) {
                provider =
                        catalog.byMxHost(mx.get(0).getTarget().toString(true)).orElse(null);
            }
            checks.add(MxCheck.check(domain, mx, provider));
        } catch (RuntimeException e) {
            checks.add(dnsFailure(Kind.MX, domain, e));
        }
        try {
            checks.add(new SpfCheck(dns).check(domain, provider == null ? null : SPF_INCLUDE.get(provider.id())));
        } catch (RuntimeException e) {
            checks.add(dnsFailure(Kind.SPF, domain, e));
        }
        List<String> dkimSelectors = !selectors.isEmpty()
                ? selectors
                : provider != null && DKIM_SELECTORS.containsKey(provider.id())
                        ? DKIM_SELECTORS.get(provider.id())
                        : COMMON_SELECTORS;
        try {
            checks.add(DkimCheck.check(dns, domain, dkimSelectors, !selectors.isEmpty()));
        } catch (RuntimeException e) {
            checks.add(dnsFailure(Kind.DKIM, domain, e));
        }
        try {
            checks.add(DmarcCheck.check(dns.txt("_dmarc." + domain).join(), domain));
        } catch (RuntimeException e) {
            checks.add(dnsFailure(Kind.DMARC, domain, e));
        }
        return new ReadinessReport(domain, provider == null ? null : provider.displayName(), checks);
    }

    private List<MXRecord> mx(String domain) {
        List<MXRecord> mx = new ArrayList<>();
        for (Record r : dns.query(domain, Type.MX).join()) {
            mx.add((MXRecord) r);
        }
        mx.sort(Comparator.comparingInt(MXRecord::getPriority));
        return mx;
    }

    private static ReadinessCheck dnsFailure(Kind kind, String domain, RuntimeException e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return new ReadinessCheck(
                kind,
                Verdict.FAIL,
                List.of(),
                "the DNS question for " + domain + " failed: " + cause.getMessage(),
                "Check that the DNS server answers, then run the check again.");
    }

    static @Nullable String tag(String record, String name) {
        for (String part : record.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(name)) {
                return part.substring(eq + 1).strip();
            }
        }
        return null;
    }

    static Optional<String> lower(@Nullable String text) {
        return Optional.ofNullable(text).map(t -> t.toLowerCase(Locale.ROOT));
    }
}
