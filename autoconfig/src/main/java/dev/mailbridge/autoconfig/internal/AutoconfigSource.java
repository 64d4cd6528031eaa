package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.autoconfig.Candidate;
import dev.mailbridge.autoconfig.Confidence;
import dev.mailbridge.autoconfig.ConfigDocument;
import dev.mailbridge.autoconfig.Source;
import dev.mailbridge.autoconfig.SourceAttempt;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The domain's own autoconfig document and the Thunderbird ISPDB. All URLs are asked at once; the answer of the most
 * trusted one wins (HTTPS autoconfig host, HTTPS well-known path, then the HTTP forms, flagged as less trusted).
 */
final class AutoconfigSource {
    private AutoconfigSource() {}

    /** The domain's autoconfig, as {@code source} (AUTOCONFIG, or MX for the MX host's domain). */
    static CompletableFuture<List<Candidate>> autoconfig(
            DiscoveryContext ctx, String domain, Source source, Trace trace) {
        String query = ctx.sendAddressToAutoconfig()
                ? "?emailaddress=" + URLEncoder.encode(ctx.address().toAsciiString(), StandardCharsets.UTF_8)
                : "";
        List<URI> uris = List.of(
                URI.create("https://autoconfig." + domain + "/mail/config-v1.1.xml" + query),
                URI.create("https://" + domain + "/.well-known/autoconfig/mail/config-v1.1.xml" + query),
                URI.create("http://autoconfig." + domain + "/mail/config-v1.1.xml" + query),
                URI.create("http://" + domain + "/.well-known/autoconfig/mail/config-v1.1.xml" + query));
        List<CompletableFuture<@Nullable Candidate>> asked = new ArrayList<>();
        for (URI uri : uris) {
            asked.add(CompletableFuture.supplyAsync(() -> one(ctx, uri, source, trace), ctx.executor()));
        }
        return FirstByPriority.of(asked, ctx.partialAnswerDeadline(), ctx.executor())
                .thenApply(c -> c == null ? List.<Candidate>of() : List.of(c));
    }

    /** The ISPDB's entry for {@code domain}. */
    static CompletableFuture<List<Candidate>> ispdb(DiscoveryContext ctx, String domain, Source source, Trace trace) {
        URI base = ctx.ispdbBase();
        if (base == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        String text = base.toString();
        URI uri = URI.create((text.endsWith("/") ? text : text + "/") + domain);
        return CompletableFuture.supplyAsync(
                () -> {
                    Candidate c = one(ctx, uri, source, trace);
                    return c == null ? List.<Candidate>of() : List.of(c);
                },
                ctx.executor());
    }

    private static @Nullable Candidate one(DiscoveryContext ctx, URI uri, Source source, Trace trace) {
        long start = System.nanoTime();
        Documents.Fetched fetched = Documents.fetch(ctx, source, "GET", uri, null, trace);
        if (fetched == null) {
            return null;
        }
        ConfigDocument doc;
        try {
            doc = ConfigDocument.parse(fetched.body(), ctx.address());
        } catch (IllegalArgumentException e) {
            trace.add(
                    source,
                    uri.toString(),
                    SourceAttempt.Outcome.FAILED,
                    "unusable document: " + e.getMessage(),
                    start);
            return null;
        }
        List<String> notes = new ArrayList<>();
        Confidence confidence = source == Source.MX ? Confidence.MEDIUM : Confidence.HIGH;
        if (!"https".equalsIgnoreCase(fetched.finalUri().getScheme())) {
            notes.add("fetched over plain HTTP from " + fetched.finalUri() + ": anyone on the network path could have"
                    + " changed it; confirm with a connection check");
            confidence = Confidence.LOW;
        }
        if (fetched.crossDomainRedirect()) {
            notes.add("redirected to another domain: " + fetched.finalUri());
            confidence = Confidence.LOW;
        }
        if (!doc.serves(ctx.address().domain()) && !doc.serves(ctx.domain()) && source != Source.MX) {
            notes.add("the document lists the domains " + doc.domains() + ", not "
                    + ctx.address().domain());
        }
        trace.add(
                source,
                uri.toString(),
                SourceAttempt.Outcome.ANSWERED,
                doc.incoming().size() + " incoming, " + doc.outgoing().size() + " outgoing server(s) from "
                        + doc.displayName(),
                start);
        return Candidates.fromDocument(
                ctx, doc, source, confidence, fetched.finalUri().toString(), notes);
    }
}
