package dev.mailbridge.samples;

import com.sun.net.httpserver.HttpServer;
import dev.mailbridge.autoconfig.AutoconfigDocuments;
import dev.mailbridge.autoconfig.HttpFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Serves your domain's autoconfig and Autodiscover documents with the JDK's built-in HTTP server: {@link
 * AutoconfigDocuments#handle} does the work, this class only moves bytes. In production put it (or the same three lines
 * in your own web stack) behind HTTPS at {@code autoconfig.<domain>} and {@code autodiscover.<domain>}.
 */
final class AutoconfigServer implements AutoCloseable {
    private final HttpServer server;

    private AutoconfigServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1 on a free port. */
    static AutoconfigServer start(AutoconfigDocuments documents) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange;
                        InputStream in = exchange.getRequestBody()) {
                    byte[] body = in.readNBytes(64 * 1024);
                    AutoconfigDocuments.Response response = documents.handle(
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().toString(),
                            body);
                    exchange.getResponseHeaders().add("Content-Type", response.contentType());
                    exchange.sendResponseHeaders(response.status(), response.body().length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(response.body());
                    }
                }
            });
            server.start();
            return new AutoconfigServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /**
     * A fetcher that sends requests for {@code domain}'s hosts here. It stands in for the DNS and HTTPS a real domain
     * would have, so the demo needs no network; every other URL goes out through the JDK's client.
     */
    HttpFetcher fetcherFor(String domain) {
        HttpFetcher jdk = HttpFetcher.jdk();
        return (method, uri, body, contentType, timeout, maxBytes) -> {
            String host = String.valueOf(uri.getHost());
            URI target = host.equals(domain) || host.endsWith("." + domain)
                    ? URI.create("http://127.0.0.1:" + port() + uri.getRawPath()
                            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                    : uri;
            return jdk.send(method, target, body, contentType, timeout, maxBytes);
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
