package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.Protocol;
import dev.mailbridge.autoconfig.Candidate;
import dev.mailbridge.autoconfig.Confidence;
import dev.mailbridge.autoconfig.ServerSetting;
import dev.mailbridge.autoconfig.Source;
import dev.mailbridge.autoconfig.SourceAttempt;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * Outlook Autodiscover (POX): the two standard HTTPS URLs and the {@code _autodiscover._tcp} SRV target, asked at
 * once. Redirects by URL or by address are followed at most twice; one to another domain is noted and lowers the
 * confidence.
 */
final class AutodiscoverSource {
    private static final int MAX_REDIRECTS = 2;

    private AutodiscoverSource() {}

    static CompletableFuture<List<Candidate>> run(DiscoveryContext ctx, Trace trace) {
        String domain = ctx.domain();
        List<CompletableFuture<@Nullable Candidate>> asked = new ArrayList<>();
        for (URI uri : List.of(
                URI.create("https://autodiscover." + domain + "/autodiscover/autodiscover.xml"),
                URI.create("https://" + domain + "/autodiscover/autodiscover.xml"))) {
            asked.add(CompletableFuture.supplyAsync(() -> ask(ctx, uri, ctx.address(), 0, trace), ctx.executor()));
        }
        long start = System.nanoTime();
        String srvName = "_autodiscover._tcp." + domain;
        asked.add(ctx.dns().query(srvName, Type.SRV).handle((records, failure) -> {
            if (failure != null || records.isEmpty()) {
                trace.add(
                        Source.AUTODISCOVER,
                        srvName,
                        failure == null ? SourceAttempt.Outcome.NOTHING : SourceAttempt.Outcome.FAILED,
                        failure == null ? "no record" : String.valueOf(failure.getMessage()),
                        start);
                return null;
            }
            Record first = records.get(0);
            SRVRecord srv = (SRVRecord) first;
            String target = srv.getTarget().toString(true);
            trace.add(
                    Source.AUTODISCOVER, srvName, SourceAttempt.Outcome.ANSWERED, target + ":" + srv.getPort(), start);
            return ask(
                    ctx,
                    URI.create("https://" + target + (srv.getPort() == 443 ? "" : ":" + srv.getPort())
                            + "/autodiscover/autodiscover.xml"),
                    ctx.address(),
                    0,
                    trace);
        }));
        return FirstByPriority.of(asked, ctx.partialAnswerDeadline(), ctx.executor())
                .thenApply(c -> c == null ? List.<Candidate>of() : List.of(c));
    }

    private static @Nullable Candidate ask(
            DiscoveryContext ctx, URI uri, EmailAddress address, int redirects, Trace trace) {
        long start = System.nanoTime();
        Documents.Fetched fetched = Documents.fetch(
                ctx, Source.AUTODISCOVER, "POST", uri, AutodiscoverXml.request(address.toAsciiString()), trace);
        if (fetched == null) {
            return null;
        }
        AutodiscoverXml.Parsed parsed;
        try {
            parsed = AutodiscoverXml.parse(fetched.body());
        } catch (IllegalArgumentException e) {
            trace.add(Source.AUTODISCOVER, uri.toString(), SourceAttempt.Outcome.FAILED, e.getMessage() + "", start);
            return null;
        }
        if (parsed.redirectUrl() != null || parsed.redirectAddress() != null) {
            if (redirects >= MAX_REDIRECTS) {
                trace.add(
                        Source.AUTODISCOVER,
                        uri.toString(),
                        SourceAttempt.Outcome.FAILED,
                        "more than " + MAX_REDIRECTS + " Autodiscover redirects",
                        start);
                return null;
            }
            try {
                if (parsed.redirectUrl() != null) {
                    URI next = URI.create(parsed.redirectUrl());
                    if (!"https".equalsIgnoreCase(next.getScheme())) {
                        trace.add(
                                Source.AUTODISCOVER,
                                uri.toString(),
                                SourceAttempt.Outcome.FAILED,
                                "refused a redirect to a non-HTTPS URL " + next,
                                start);
                        return null;
                    }
                    trace.add(
                            Source.AUTODISCOVER,
                            uri.toString(),
                            SourceAttempt.Outcome.NOTHING,
                            "redirected to " + next,
                            start);
                    return flagged(ctx, ask(ctx, next, address, redirects + 1, trace), next.getHost());
                }
                EmailAddress next = EmailAddress.of(String.valueOf(parsed.redirectAddress()));
                trace.add(
                        Source.AUTODISCOVER,
                        uri.toString(),
                        SourceAttempt.Outcome.NOTHING,
                        "redirected to the address " + next,
                        start);
                URI nextUri =
                        URI.create("https://autodiscover." + next.asciiDomain() + "/autodiscover/autodiscover.xml");
                return flagged(ctx, ask(ctx, nextUri, next, redirects + 1, trace), next.asciiDomain());
            } catch (IllegalArgumentException e) {
                trace.add(
                        Source.AUTODISCOVER,
                        uri.toString(),
                        SourceAttempt.Outcome.FAILED,
                        "unusable redirect: " + e.getMessage(),
                        start);
                return null;
            }
        }
        List<ServerSetting> incoming = new ArrayList<>();
        List<ServerSetting> outgoing = new ArrayList<>();
        for (ServerSetting s : parsed.servers()) {
            (s.protocol() == Protocol.SMTP ? outgoing : incoming).add(s);
        }
        if (incoming.isEmpty() && outgoing.isEmpty()) {
            trace.add(
                    Source.AUTODISCOVER,
                    uri.toString(),
                    SourceAttempt.Outcome.NOTHING,
                    "only Exchange protocols, no IMAP, POP3 or SMTP",
                    start);
            return null;
        }
        List<String> notes = new ArrayList<>();
        Confidence confidence = Confidence.MEDIUM;
        if (fetched.crossDomainRedirect()) {
            notes.add("redirected to another domain: " + fetched.finalUri());
            confidence = Confidence.LOW;
        }
        trace.add(
                Source.AUTODISCOVER,
                uri.toString(),
                SourceAttempt.Outcome.ANSWERED,
                incoming.size() + " incoming, " + outgoing.size() + " outgoing",
                start);
        return new Candidate(
                ctx.address(),
                Source.AUTODISCOVER,
                confidence,
                fetched.finalUri().toString(),
                incoming,
                outgoing,
                notes,
                null,
                List.of());
    }

    /** Lowers the confidence of a candidate reached by a redirect to another domain. */
    private static @Nullable Candidate flagged(DiscoveryContext ctx, @Nullable Candidate c, @Nullable String host) {
        if (c == null || host == null) {
            return c;
        }
        String from = Registrable.domainOf(ctx.domain());
        String to = Registrable.domainOf(host);
        if (from != null && from.equals(to)) {
            return c;
        }
        List<String> notes = new ArrayList<>(c.notes());
        notes.add("Autodiscover redirected to another domain (" + host + "): make sure you trust it");
        return new Candidate(
                c.address(),
                c.source(),
                Confidence.LOW,
                c.origin(),
                Candidates.imapFirst(c.incoming()),
                c.outgoing(),
                notes,
                null,
                c.documentation());
    }
}
