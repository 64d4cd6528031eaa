package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.autoconfig.HttpFetcher;
import dev.mailbridge.autoconfig.Source;
import dev.mailbridge.autoconfig.SourceAttempt;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Fetches an XML document for a source: follows at most three redirects (noting one to another domain), caps the size,
 * and refuses what is not XML (an HTML home page or a captive portal's login page is a common 200 answer).
 */
final class Documents {
    static final int MAX_BYTES = 256 * 1024;
    private static final int MAX_REDIRECTS = 3;

    /** A fetched document: the bytes, the URL they finally came from, and whether a redirect left the domain. */
    record Fetched(byte[] body, URI finalUri, boolean crossDomainRedirect) {}

    private Documents() {}

    /** GETs or POSTs {@code uri}; {@code null} (with a trace entry) when there is no usable document. */
    static @Nullable Fetched fetch(
            DiscoveryContext ctx, Source source, String method, URI uri, byte @Nullable [] body, Trace trace) {
        long start = System.nanoTime();
        URI current = uri;
        boolean crossDomain = false;
        try {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                HttpFetcher.Response response = ctx.http()
                        .send(
                                method,
                                current,
                                body,
                                body == null ? null : "text/xml; charset=utf-8",
                                ctx.sourceTimeout(),
                                MAX_BYTES);
                if (response.redirect().isPresent()) {
                    URI next = current.resolve(response.redirect().get());
                    if (!"https".equalsIgnoreCase(next.getScheme()) && "https".equalsIgnoreCase(current.getScheme())) {
                        trace.add(
                                source,
                                uri.toString(),
                                SourceAttempt.Outcome.FAILED,
                                "refused a redirect from HTTPS to " + next,
                                start);
                        return null;
                    }
                    String from = Registrable.domainOf(String.valueOf(current.getHost()));
                    String to = Registrable.domainOf(String.valueOf(next.getHost()));
                    crossDomain |= from == null || !from.equals(to);
                    current = next;
                    continue;
                }
                if (response.status() != 200) {
                    trace.add(
                            source, uri.toString(), SourceAttempt.Outcome.NOTHING, "HTTP " + response.status(), start);
                    return null;
                }
                String type = response.contentType().toLowerCase(Locale.ROOT);
                if (type.startsWith("text/html")) {
                    trace.add(
                            source,
                            uri.toString(),
                            SourceAttempt.Outcome.NOTHING,
                            "HTTP 200 but " + response.contentType() + ", not XML (a home page or a captive portal?)",
                            start);
                    return null;
                }
                if (!type.isEmpty()
                        && !type.contains("xml")
                        && !type.startsWith("text/plain")
                        && !type.startsWith("application/octet-stream")) {
                    trace.add(
                            source,
                            uri.toString(),
                            SourceAttempt.Outcome.NOTHING,
                            "content type " + response.contentType() + " is not XML",
                            start);
                    return null;
                }
                return new Fetched(response.body(), current, crossDomain);
            }
            trace.add(
                    source,
                    uri.toString(),
                    SourceAttempt.Outcome.FAILED,
                    "more than " + MAX_REDIRECTS + " redirects",
                    start);
            return null;
        } catch (IOException e) {
            boolean timeout = e instanceof java.net.http.HttpTimeoutException
                    || String.valueOf(e.getMessage()).contains("timed out");
            trace.add(
                    source,
                    uri.toString(),
                    timeout ? SourceAttempt.Outcome.TIMED_OUT : SourceAttempt.Outcome.FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage(),
                    start);
            return null;
        }
    }
}
