package dev.mailbridge.autoconfig.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.mailbridge.TlsTrust;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS server (the JDK's) on 127.0.0.1 with the test certificate (for localhost, mail.mailbridge.test and
 * 127.0.0.1, issued by the test CA of scripts/make-test-certs), answering what a test registers per path.
 */
public final class LoopbackHttps implements AutoCloseable {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final HttpsServer server;
    private final Map<String, Consumer<HttpExchange>> handlers = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);

    public LoopbackHttps() throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-https");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            Consumer<HttpExchange> handler =
                    handlers.get(exchange.getRequestURI().getPath());
            if (handler == null) {
                respond(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8), false);
            } else {
                handler.accept(exchange);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers {@code path} with {@code body}; {@code chunked} sends it without a length. */
    public LoopbackHttps on(String path, String contentType, byte[] body, boolean chunked) {
        handlers.put(path, exchange -> respond(exchange, 200, contentType, body, chunked));
        return this;
    }

    /** Accepts requests for {@code path} and never answers them (until closed). */
    public LoopbackHttps hang(String path) {
        handlers.put(path, exchange -> {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return this;
    }

    /** The test CA, as a client trusts it. */
    public static TlsTrust trust() {
        try (InputStream in = resource("tls/truststore.p12")) {
            return TlsTrust.fromPkcs12(in, PASSWORD, "test CA");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body, boolean chunked) {
        try (exchange) {
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static SSLContext serverContext() {
        try (InputStream in = resource("tls/server.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = LoopbackHttps.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
