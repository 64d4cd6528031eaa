package dev.mailbridge.autoconfig;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.Protocol;
import dev.mailbridge.autoconfig.internal.DiscoveryContext;
import dev.mailbridge.autoconfig.internal.DiscoveryRun;
import dev.mailbridge.autoconfig.internal.DnsClient;
import dev.mailbridge.providers.ProviderCatalog;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Finds mail settings from an email address the way mail clients do, and better: presets, the provider's autoconfig,
 * the Thunderbird ISPDB, MX records (matched to presets, or the MX host's own autoconfig), RFC 6186 SRV records,
 * Outlook Autodiscover, and as a last resort probing common host names. Sources run in parallel, each with its own
 * timeout, under one deadline; the call returns as soon as no source still running could beat the best answer.
 *
 * <pre>{@code
 * Discovery discovery = Discovery.newBuilder(client).build(); // make once, share
 * DiscoveryResult found = discovery.discover("dana@example.com");
 * MailboxAccount account = found.best().orElseThrow()
 *         .toAccount(Credentials.password(secret))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Privacy: the address's domain is sent to the sources, the whole address only to
 * Autodiscover (its protocol needs it) and to autoconfig when {@link Builder#sendAddressToAutoconfig(boolean)} is on.
 */
public final class Discovery {
    private final MailboxClient client;
    private final HttpFetcher http;
    private final DnsClient dns;
    private final ProviderCatalog catalog;
    private final @Nullable URI ispdb;
    private final boolean sendAddress;
    private final Duration sourceTimeout;
    private final Duration deadline;
    private final Set<Source> sources;
    private final Executor executor;
    private final Function<Protocol, List<Protocol.PortSecurity>> guessPorts;
    private final int maxProbes;

    private Discovery(Builder b) {
        this.client = b.client;
        this.http = b.http != null ? b.http : HttpFetcher.using(b.client);
        this.dns = new DnsClient(b.dnsServer, b.sourceTimeout);
        this.catalog = b.catalog;
        this.ispdb = b.ispdb;
        this.sendAddress = b.sendAddress;
        this.sourceTimeout = b.sourceTimeout;
        this.deadline = b.deadline;
        this.sources = EnumSet.copyOf(b.sources);
        this.executor = b.executor != null ? b.executor : DefaultExecutor.INSTANCE;
        this.guessPorts = b.guessPorts;
        this.maxProbes = b.maxProbes;
    }

    /** Starts a discovery that probes guessed servers with {@code client}'s timeouts and TLS trust. */
    public static Builder newBuilder(MailboxClient client) {
        return new Builder(client);
    }

    /**
     * Discovers settings for {@code address}. Never throws for a failing source: the trace says what each answered.
     *
     * @throws IllegalArgumentException if the address is not an address
     */
    public DiscoveryResult discover(String address) {
        try {
            return discoverAsync(address).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** {@link #discover(String)} without blocking. */
    public CompletableFuture<DiscoveryResult> discoverAsync(String address) {
        long started = System.nanoTime(); // the deadline counts from here, whatever the first call costs to set up
        EmailAddress parsed = EmailAddress.of(address);
        DiscoveryContext ctx = new DiscoveryContext(
                parsed,
                http,
                dns,
                catalog,
                ispdb,
                sendAddress,
                sourceTimeout,
                executor,
                client::probe,
                guessPorts,
                maxProbes,
                started);
        return new DiscoveryRun(ctx, sources, deadline).start();
    }

    @Override
    public String toString() {
        return "Discovery[sources=" + sources + ", sourceTimeout=" + sourceTimeout + ", deadline=" + deadline + "]";
    }

    /** Daemon threads for discoveries when the application gives no executor. */
    private static final class DefaultExecutor {
        static final ExecutorService INSTANCE = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "mailbridge-discovery");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Builds a {@link Discovery}; each setter checks its value at once. */
    public static final class Builder {
        private final MailboxClient client;
        private @Nullable HttpFetcher http;
        private @Nullable InetSocketAddress dnsServer;
        private ProviderCatalog catalog = ProviderCatalog.builtIn();
        private @Nullable URI ispdb = URI.create("https://autoconfig.thunderbird.net/v1.1/");
        private boolean sendAddress;
        private Duration sourceTimeout = Duration.ofSeconds(5);
        private Duration deadline = Duration.ofSeconds(10);
        private Set<Source> sources = EnumSet.allOf(Source.class);
        private @Nullable Executor executor;
        private Function<Protocol, List<Protocol.PortSecurity>> guessPorts = Protocol::standardPorts;
        private int maxProbes = 4;

        private Builder(MailboxClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /**
         * How HTTP requests are made; by default {@link HttpFetcher#using(MailboxClient)} on this discovery's client,
         * so its {@code Dns} and {@code TlsTrust} apply to discovery as to mail connections.
         */
        public Builder httpFetcher(HttpFetcher fetcher) {
            this.http = Objects.requireNonNull(fetcher, "httpFetcher");
            return this;
        }

        /** The DNS server to ask (address and port); the system's resolvers by default. */
        public Builder dnsServer(InetSocketAddress server) {
            this.dnsServer = Objects.requireNonNull(server, "dnsServer");
            return this;
        }

        /** The presets to match; {@link ProviderCatalog#builtIn()} by default. */
        public Builder catalog(ProviderCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** The ISPDB base URL ({@code https://autoconfig.thunderbird.net/v1.1/} by default), or {@code null} for none. */
        public Builder ispdb(@Nullable URI base) {
            if (base != null
                    && !"https".equalsIgnoreCase(base.getScheme())
                    && !"http".equalsIgnoreCase(base.getScheme())) {
                throw new IllegalArgumentException("ispdb " + base + " is not an http(s) URL");
            }
            this.ispdb = base;
            return this;
        }

        /** Sends the whole address to autoconfig servers as {@code ?emailaddress=}; off by default (privacy). */
        public Builder sendAddressToAutoconfig(boolean send) {
            this.sendAddress = send;
            return this;
        }

        /** The longest one source may take; 5 s by default. */
        public Builder sourceTimeout(Duration timeout) {
            this.sourceTimeout = positive("sourceTimeout", timeout);
            return this;
        }

        /** The longest a whole discovery may take, whatever the sources do; 10 s by default. */
        public Builder deadline(Duration deadline) {
            this.deadline = positive("deadline", deadline);
            return this;
        }

        /** Which sources to ask; all by default. */
        public Builder sources(Set<Source> sources) {
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("sources is empty: enable at least one, such as Source.PRESET");
            }
            this.sources = EnumSet.copyOf(sources);
            return this;
        }

        /** Runs the sources; daemon threads by default. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** How many guessed servers are probed at once; 4 by default, at most 16. */
        public Builder maxConcurrentProbes(int probes) {
            if (probes < 1 || probes > 16) {
                throw new IllegalArgumentException("maxConcurrentProbes is " + probes + "; it must be 1 to 16");
            }
            this.maxProbes = probes;
            return this;
        }

        /** The ports guessing tries; tests point it at unprivileged ports. */
        Builder guessPorts(Function<Protocol, List<Protocol.PortSecurity>> ports) {
            this.guessPorts = Objects.requireNonNull(ports, "guessPorts");
            return this;
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException(name + " is " + value + "; it must be between 0 and 5 minutes");
            }
            return value;
        }

        /** Builds the discovery. */
        public Discovery build() {
            return new Discovery(this);
        }
    }
}
