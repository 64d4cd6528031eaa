package dev.mailbridge.autoconfig;

import dev.mailbridge.MailboxClient;
import dev.mailbridge.autoconfig.testing.LoopbackDns;
import dev.mailbridge.autoconfig.testing.LoopbackWeb;
import dev.mailbridge.autoconfig.testing.LoopbackWeb.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * Measures discovery, not a test: a preset hit (no network), and a full discovery with every source answering from a
 * loopback DNS server and web server that add a fixed latency, to show that the total follows the slowest source
 * actually needed and never the sum of all.
 *
 * <pre>
 * mvn -q -B -pl autoconfig -am package -DskipTests -Pbench
 * </pre>
 */
public final class DiscoveryBenchmark {
    private static final int RUNS = 21;
    private static final long DNS_MS = 100;
    private static final long WEB_MS = 200;

    private DiscoveryBenchmark() {}

    public static void main(String[] args) throws Exception {
        MailboxClient client = MailboxClient.create();
        Discovery presets = Discovery.newBuilder(client).build();
        presets.discover("warm@gmail.com");
        long start = System.nanoTime();
        int hits = 100_000;
        for (int i = 0; i < hits; i++) {
            presets.discover("dana" + (i % 100) + "@gmail.com");
        }
        double presetMicros = (System.nanoTime() - start) / 1e3 / hits;
        System.out.printf(
                "preset hit (gmail.com, all sources enabled): %.1f us per discovery, no network%n", presetMicros);

        try (LoopbackDns dns = new LoopbackDns().latency(DNS_MS);
                LoopbackWeb web = new LoopbackWeb().latency(WEB_MS)) {
            // a.test: its autoconfig answers; b.test: only SRV does, so every higher source must finish first.
            web.on(
                    "https://autoconfig.a.test/mail/config-v1.1.xml",
                    Answer.xml(DiscoveryTest.config("a.test", "imap.a.test", 993, "SSL")));
            web.on(
                    "https://ispdb.test/v1.1/a.test",
                    Answer.xml(DiscoveryTest.config("a.test", "mail.a.test", 993, "SSL")));
            for (String domain : List.of("a.test", "b.test")) {
                dns.add(domain + ". 300 IN MX 10 mx." + domain + ".");
                dns.add("_imaps._tcp." + domain + ". 300 IN SRV 0 1 993 imap." + domain + ".");
                dns.add("_submission._tcp." + domain + ". 300 IN SRV 0 1 587 smtp." + domain + ".");
            }
            Discovery full = Discovery.newBuilder(client)
                    .dnsServer(dns.address())
                    .httpFetcher(web.fetcher())
                    .ispdb(URI.create("https://ispdb.test/v1.1/"))
                    .sources(EnumSet.complementOf(EnumSet.of(Source.GUESS)))
                    .build();
            full.discover("warm@a.test");
            full.discover("warm@b.test");
            report(
                    "autoconfig answers (needed: autoconfig)",
                    median(() -> full.discover("dana@a.test")),
                    WEB_MS,
                    sumOfSources());
            report(
                    "only SRV answers (needed: every source above SRV)",
                    median(() -> full.discover("dana@b.test")),
                    WEB_MS,
                    sumOfSources());
        }
    }

    /**
     * What running the sources one after another would cost: autoconfig (4 URLs) and ISPDB over the web, MX over DNS
     * then the MX domain's autoconfig and ISPDB, 6 SRV names, Autodiscover (2 URLs and an SRV name).
     */
    private static long sumOfSources() {
        return 4 * WEB_MS + WEB_MS + DNS_MS + 5 * WEB_MS + 6 * DNS_MS + 2 * WEB_MS + DNS_MS;
    }

    private static Duration median(Supplier<DiscoveryResult> run) {
        List<Duration> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            times.add(run.get().duration());
        }
        Collections.sort(times);
        return times.get(RUNS / 2);
    }

    private static void report(String scenario, Duration total, long slowestNeeded, long sum) {
        System.out.printf(
                "%s: %d ms median of %d; slowest source needed %d ms (ratio %.2f); sequential sum %d ms (ratio %.2f)%n",
                scenario,
                total.toMillis(),
                RUNS,
                slowestNeeded,
                total.toMillis() / (double) slowestNeeded,
                sum,
                total.toMillis() / (double) sum);
    }
}
