package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.Endpoint;
import dev.mailbridge.Protocol;
import dev.mailbridge.autoconfig.Candidate;
import dev.mailbridge.autoconfig.Confidence;
import dev.mailbridge.autoconfig.ServerSetting;
import dev.mailbridge.autoconfig.Source;
import dev.mailbridge.autoconfig.SourceAttempt;
import dev.mailbridge.check.AlternativeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The last resort: common host names on the standard ports, each probed without credentials (greeting, capabilities,
 * TLS or STARTTLS with the certificate checked), at most {@code maxProbes} at a time so a domain is not flooded. The
 * first answer in the order below wins per protocol: implicit TLS before STARTTLS (RFC 8314).
 */
final class GuessSource {
    private static final Map<Protocol, List<String>> PREFIXES = Map.of(
            Protocol.IMAP, List.of("imap.", "mail.", ""),
            Protocol.POP3, List.of("pop.", "pop3.", "mail.", ""),
            Protocol.SMTP, List.of("smtp.", "mail.", ""));

    private GuessSource() {}

    static CompletableFuture<List<Candidate>> run(DiscoveryContext ctx, Trace trace) {
        Semaphore slots = new Semaphore(ctx.maxProbes());
        Map<Protocol, List<CompletableFuture<ServerSetting>>> asked = new java.util.EnumMap<>(Protocol.class);
        for (Protocol protocol : List.of(Protocol.IMAP, Protocol.POP3, Protocol.SMTP)) {
            List<CompletableFuture<ServerSetting>> futures = new ArrayList<>();
            for (Protocol.PortSecurity ps : ctx.guessPorts().apply(protocol)) {
                for (String prefix : PREFIXES.getOrDefault(protocol, List.of())) {
                    Endpoint endpoint;
                    try {
                        endpoint = new Endpoint(prefix + ctx.domain(), ps.port(), ps.security());
                    } catch (IllegalArgumentException e) {
                        continue;
                    }
                    futures.add(CompletableFuture.supplyAsync(
                            () -> probe(ctx, protocol, endpoint, slots, trace), ctx.executor()));
                }
            }
            asked.put(protocol, futures);
        }
        List<CompletableFuture<?>> all = new ArrayList<>();
        asked.values().forEach(all::addAll);
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            List<ServerSetting> incoming = new ArrayList<>();
            List<ServerSetting> outgoing = new ArrayList<>();
            for (Protocol protocol : List.of(Protocol.IMAP, Protocol.POP3, Protocol.SMTP)) {
                for (CompletableFuture<ServerSetting> f : asked.getOrDefault(protocol, List.of())) {
                    ServerSetting s = f.join();
                    if (s != null) {
                        (protocol == Protocol.SMTP ? outgoing : incoming).add(s);
                        break; // the first that answered, in order of preference
                    }
                }
            }
            if (incoming.isEmpty() && outgoing.isEmpty()) {
                return List.<Candidate>of();
            }
            return List.of(new Candidate(
                    ctx.address(),
                    Source.GUESS,
                    Confidence.LOW,
                    "probing common names",
                    incoming,
                    outgoing,
                    List.of("guessed and confirmed only by a greeting: check with the password before saving"),
                    null,
                    List.of()));
        });
    }

    private static @org.jspecify.annotations.Nullable ServerSetting probe(
            DiscoveryContext ctx, Protocol protocol, Endpoint endpoint, Semaphore slots, Trace trace) {
        long start = System.nanoTime();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            AlternativeResult result = ctx.probe().apply(protocol, endpoint);
            trace.add(
                    Source.GUESS,
                    protocol + " " + endpoint,
                    result.works() ? SourceAttempt.Outcome.ANSWERED : SourceAttempt.Outcome.NOTHING,
                    result.detail(),
                    start);
            return result.works() ? new ServerSetting(protocol, endpoint, "%EMAILADDRESS%", List.of()) : null;
        } finally {
            slots.release();
        }
    }
}
