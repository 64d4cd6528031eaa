package dev.mailbridge.autoconfig.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mailbridge.autoconfig.HttpFetcher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * A JDK HttpServer on 127.0.0.1 standing in for every web host discovery asks: {@link #fetcher()} rewrites {@code
 * https://autoconfig.example.test/mail/config-v1.1.xml} to {@code http://127.0.0.1:PORT/https/autoconfig.example.test/mail/config-v1.1.xml},
 * and the server answers what the test registered for that scheme, host and path. Unregistered URLs get 404.
 */
public final class LoopbackWeb implements AutoCloseable {
    /** What the server answers for one URL. */
    public record Answer(
            int status,
            String contentType,
            byte[] body,
            @Nullable String location,
            boolean hangs) {
        public static Answer xml(String body) {
            return new Answer(200, "text/xml; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), null, false);
        }

        public static Answer of(int status, String contentType, byte[] body) {
            return new Answer(status, contentType, body, null, false);
        }

        public static Answer redirect(String location) {
            return new Answer(302, "text/plain", new byte[0], location, false);
        }

        public static Answer hang() {
            return new Answer(200, "text/xml", new byte[0], null, true);
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private volatile long latencyMillis;
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    public LoopbackWeb() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-web");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers {@code url} (its scheme, host and path; the query is ignored) with {@code answer}. */
    public LoopbackWeb on(String url, Answer answer) {
        URI uri = URI.create(url);
        answers.put(uri.getScheme() + "/" + uri.getHost() + uri.getPath(), answer);
        return this;
    }

    /** Answers every request only after {@code millis}, like a server across the internet; 0 by default. */
    public LoopbackWeb latency(long millis) {
        this.latencyMillis = millis;
        return this;
    }

    /** Every URL asked, in the public form discovery used, with its query. */
    public List<String> requested() {
        return List.copyOf(requested);
    }

    /** A fetcher that sends every request here. */
    public HttpFetcher fetcher() {
        HttpFetcher jdk = HttpFetcher.jdk();
        int port = server.getAddress().getPort();
        return (method, uri, body, contentType, timeout, maxBytes) -> {
            requested.add(uri.toString());
            URI local = URI.create("http://127.0.0.1:" + port + "/" + uri.getScheme() + "/" + uri.getHost()
                    + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            return jdk.send(method, local, body, contentType, timeout, maxBytes);
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(1);
        Answer answer = answers.get(path);
        try (exchange) {
            pause(latencyMillis);
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (answer.hangs()) {
                try {
                    released.await(); // until the test ends: a source that never answers
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            if (answer.location() != null) {
                exchange.getResponseHeaders().add("Location", answer.location());
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        }
    }

    static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis); // simulated network latency, for the benchmark
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
