package dev.mailbridge.autoconfig;

import dev.mailbridge.MailboxClient;
import dev.mailbridge.autoconfig.internal.ClientHttpFetcher;
import dev.mailbridge.autoconfig.internal.JdkHttpFetcher;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How discovery makes HTTP requests. {@link #using(MailboxClient)} goes through a client's resolver and trust, {@link
 * #jdk()} through the JDK's {@code HttpClient}; tests and air-gapped
 * deployments supply their own (for example one that sends {@code autoconfig.example.com} to a local server).
 * Implementations must not follow redirects: discovery follows them itself, limited and checked.
 */
public interface HttpFetcher {
    /**
     * Sends one request.
     *
     * @param method {@code GET} or {@code POST}
     * @param body the request body for POST, else {@code null}
     * @param contentType the body's type, else {@code null}
     * @param timeout the longest the whole exchange may take
     * @param maxBytes stop reading and fail once the response body passes this size
     * @throws IOException on a network failure, a timeout or an oversized body
     */
    Response send(
            String method,
            URI uri,
            byte @Nullable [] body,
            @Nullable String contentType,
            Duration timeout,
            int maxBytes)
            throws IOException;

    /**
     * HTTP over {@code client}'s own network: its {@link dev.mailbridge.Dns} resolves the host, its {@link
     * dev.mailbridge.TlsTrust} checks the certificate (and the host name, always), its connect and read timeouts apply.
     * What {@link Discovery} uses unless told otherwise.
     */
    static HttpFetcher using(MailboxClient client) {
        return new ClientHttpFetcher(client);
    }

    /**
     * The JDK's HTTP client, without redirects, with TLS certificate and host checks, on the JVM's resolver and trust
     * store (not a client's: prefer {@link #using(MailboxClient)}).
     */
    static HttpFetcher jdk() {
        return new JdkHttpFetcher();
    }

    /**
     * A response.
     *
     * @param status the HTTP status
     * @param contentType the Content-Type header, or empty
     * @param location the Location header of a redirect, if any
     * @param body the body, at most the size asked for
     */
    record Response(
            int status, String contentType, @Nullable String location, byte[] body) {
        /** Checks that nothing is missing. */
        public Response {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }

        /** The redirect target, if this is a redirect. */
        public Optional<String> redirect() {
            return status >= 300 && status < 400 ? Optional.ofNullable(location) : Optional.empty();
        }
    }
}
