package dev.mailbridge.autoconfig;

import dev.mailbridge.Dns;
import dev.mailbridge.autoconfig.internal.DnsClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A {@link Dns} that asks one DNS server of your choice (an internal resolver, a split-horizon view, a test server)
 * instead of the JVM's, for every connection a {@link dev.mailbridge.MailboxClient} opens and every HTTP request
 * discovery makes through it. Give the same server to {@link Discovery.Builder#dnsServer} and both follow one DNS.
 *
 * <pre>{@code
 * InetSocketAddress resolver = new InetSocketAddress("10.0.0.53", 53);
 * MailboxClient client = MailboxClient.newBuilder().dns(DnsServerResolver.of(resolver)).build();
 * Discovery discovery = Discovery.newBuilder(client).dnsServer(resolver).build();
 * }</pre>
 *
 * <p>IPv4 (A) and IPv6 (AAAA) are asked at once, IPv4 answers first; one CNAME is followed; nothing is cached, so every
 * answer is as fresh as the server's. IP literals are returned as they are.
 */
public final class DnsServerResolver implements Dns {
    private final InetSocketAddress server;
    private final Duration timeout;
    private final DnsClient client;

    private DnsServerResolver(InetSocketAddress server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
        this.client = new DnsClient(server, timeout);
    }

    /** Asks {@code server}, waiting at most 5 s for an answer. */
    public static DnsServerResolver of(InetSocketAddress server) {
        return of(server, Duration.ofSeconds(5));
    }

    /**
     * Asks {@code server}, waiting at most {@code timeout} for an answer.
     *
     * @throws IllegalArgumentException if the timeout is not between 0 and 1 minute
     */
    public static DnsServerResolver of(InetSocketAddress server, Duration timeout) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("timeout is " + timeout + "; it must be between 0 and 1 minute");
        }
        return new DnsServerResolver(server, timeout);
    }

    @Override
    public List<InetAddress> lookup(String host) throws UnknownHostException {
        Objects.requireNonNull(host, "host");
        if (host.startsWith("[") || host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            // An address literal: InetAddress parses it without asking any resolver.
            return List.of(InetAddress.getByName(host.replace("[", "").replace("]", "")));
        }
        CompletableFuture<List<Record>> v4 = client.query(host, Type.A);
        CompletableFuture<List<Record>> v6 = client.query(host, Type.AAAA);
        List<InetAddress> addresses = new ArrayList<>();
        IOException failure = null;
        for (CompletableFuture<List<Record>> answer : List.of(v4, v6)) {
            try {
                for (Record record : answer.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS)) {
                    if (record instanceof ARecord a) {
                        addresses.add(
                                InetAddress.getByAddress(host, a.getAddress().getAddress()));
                    } else if (record instanceof AAAARecord aaaa) {
                        addresses.add(
                                InetAddress.getByAddress(host, aaaa.getAddress().getAddress()));
                    }
                }
            } catch (ExecutionException | CompletionException e) {
                failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (TimeoutException e) {
                failure = new IOException("no answer within " + timeout.toMillis() + " ms", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnknownHostException(host + ": interrupted while asking " + server);
            }
        }
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host + ": "
                    + (failure == null
                            ? "no A or AAAA record at " + server
                            : "the DNS server " + server + " failed: " + failure.getMessage()));
        }
        return List.copyOf(addresses);
    }

    /** The server asked. */
    public InetSocketAddress server() {
        return server;
    }

    /** {@code DnsServerResolver[127.0.0.1:5353]}. */
    @Override
    public String toString() {
        return "DnsServerResolver[" + server.getHostString() + ":" + server.getPort() + "]";
    }
}
