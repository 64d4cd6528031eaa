package dev.mailbridge;

import dev.mailbridge.check.AlternativeResult;
import dev.mailbridge.check.CheckOptions;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.internal.check.AlternativeProber;
import dev.mailbridge.internal.check.ConnectionChecker;
import dev.mailbridge.internal.events.GuardedEventListener;
import dev.mailbridge.internal.jakarta.JakartaSessions;
import dev.mailbridge.internal.net.ClientNetwork;
import dev.mailbridge.internal.net.NetSettings;
import dev.mailbridge.internal.net.TlsSockets;
import dev.mailbridge.internal.retrieval.ImapRetrieval;
import dev.mailbridge.internal.retrieval.ImapScan;
import dev.mailbridge.internal.retrieval.MessageParser;
import dev.mailbridge.internal.retrieval.Pop3Retrieval;
import dev.mailbridge.internal.sending.AutoResponder;
import dev.mailbridge.internal.sending.BatchSender;
import dev.mailbridge.internal.sending.ProviderLimits;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.FetchReport;
import dev.mailbridge.retrieval.FolderReport;
import dev.mailbridge.retrieval.HeaderScan;
import dev.mailbridge.retrieval.MessageHandler;
import dev.mailbridge.retrieval.MessageRef;
import dev.mailbridge.retrieval.MessageSummary;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievalReport;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.retrieval.ScanCursor;
import dev.mailbridge.retrieval.ScanPage;
import dev.mailbridge.sending.AutoReplyPolicy;
import dev.mailbridge.sending.AutoReplyResult;
import dev.mailbridge.sending.DeliveryResult;
import dev.mailbridge.sending.Identity;
import dev.mailbridge.sending.OutgoingEmail;
import dev.mailbridge.sending.RetryPolicy;
import dev.mailbridge.sending.SendOptions;
import dev.mailbridge.sending.SendReport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The shared Mailbridge runtime: timeouts, TLS trust, DNS, executor, clock and event listener, used for every mailbox.
 *
 * <h2>Make one, share it</h2>
 *
 * <pre>{@code
 * MailboxClient client = MailboxClient.newBuilder()
 *         .connectTimeout(Duration.ofSeconds(10))
 *         .build();
 * CheckReport report = client.check(account);
 * System.out.println(report.toText());
 * }</pre>
 *
 * <p>A client is immutable and thread-safe; make one per application and share it, the way you would share an HTTP
 * client. {@link #newBuilder()} derives a variant (say, with a longer read timeout for one slow server) that shares this
 * client's threads.
 *
 * <h2>Nothing to close</h2>
 *
 * <p>A client holds no connection between calls. Its internal threads are daemon threads that end after a minute of
 * idleness, so a client that is dropped costs nothing. If you supply your own {@link Builder#executor(Executor)}, you
 * own its lifecycle.
 *
 * <h2>Secure by default</h2>
 *
 * <p>TLS 1.2 or 1.3 with the certificate and host name always checked; STARTTLS required when chosen, never
 * opportunistic; connect, read and write timeouts always finite (10 s, 30 s, 30 s unless changed). Passwords never
 * travel unencrypted unless the account opts in explicitly.
 */
public final class MailboxClient {
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final TlsTrust tlsTrust;
    private final Dns dns;
    private final Executor executor;
    private final Clock clock;
    private final EventListener eventListener;
    /** The application's listener as the work calls it: its exceptions are logged and ignored. */
    private final EventListener guardedListener;

    private final ScheduledExecutorService watchdog;
    private final Function<Protocol, List<Protocol.PortSecurity>> alternativePorts;
    private final ConnectionChecker checker;
    private final CheckpointStore checkpointStore;
    private final JakartaSessions sessions;
    private final Set<String> ignoredImapCapabilities;
    private final NetSettings net;
    private final ProviderLimits providerLimits;
    private final BatchSender sender;
    private final AutoResponder autoResponder;

    static {
        ClientNetwork.register(client -> client.net);
    }

    private MailboxClient(Builder b, Executor executor, ScheduledExecutorService watchdog) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.tlsTrust = b.tlsTrust;
        this.dns = b.dns;
        this.executor = executor;
        this.clock = b.clock;
        this.eventListener = b.eventListener;
        this.watchdog = watchdog;
        this.alternativePorts = b.alternativePorts;
        this.net = new NetSettings(
                dns, TlsSockets.create(tlsTrust.anchors()), connectTimeout, readTimeout, writeTimeout, watchdog);
        this.checkpointStore = b.checkpointStore;
        this.ignoredImapCapabilities = b.ignoredImapCapabilities;
        this.sessions = new JakartaSessions(net);
        this.providerLimits = b.providerLimits != null ? b.providerLimits : new ProviderLimits();
        this.sender = new BatchSender(net, sessions, clock, providerLimits);
        this.autoResponder = new AutoResponder(sender, checkpointStore, clock);
        this.guardedListener = GuardedEventListener.guard(eventListener);
        this.checker = new ConnectionChecker(
                net, executor, clock, guardedListener, new AlternativeProber(alternativePorts), sessions);
    }

    /** A client with all defaults. */
    public static MailboxClient create() {
        return newBuilder().build();
    }

    /** Starts a client with the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder with this client's settings, sharing its threads, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.writeTimeout = writeTimeout;
        b.tlsTrust = tlsTrust;
        b.dns = dns;
        b.executor = executor;
        b.clock = clock;
        b.eventListener = eventListener;
        b.watchdog = watchdog;
        b.alternativePorts = alternativePorts;
        b.checkpointStore = checkpointStore;
        b.ignoredImapCapabilities = ignoredImapCapabilities;
        b.providerLimits = providerLimits;
        return b;
    }

    /**
     * Checks both directions of {@code account} with {@link CheckOptions#defaults()}: connects, logs in, opens INBOX
     * and proposes the sender, without sending anything.
     *
     * <p>Never throws for a failing server: the report says what failed, why, and what to change. Call {@link
     * CheckReport#throwIfFailed()} if you prefer an exception.
     */
    public CheckReport check(MailboxAccount account) {
        return check(account, CheckOptions.defaults());
    }

    /** Checks {@code account} as {@code options} say (another folder, the live round trip, no alternative probing). */
    public CheckReport check(MailboxAccount account, CheckOptions options) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(options, "options");
        return checker.check(account, options);
    }

    /** {@link #check(MailboxAccount, CheckOptions)} on this client's executor. */
    public CompletableFuture<CheckReport> checkAsync(MailboxAccount account, CheckOptions options) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(options, "options");
        return CompletableFuture.supplyAsync(() -> checker.check(account, options), executor);
    }

    /**
     * Imports mail: hands each new message of the chosen folders to {@code handler}, one at a time, and applies the
     * retrieval's {@link AfterHandling} policy to a message only after its handler returned. Progress is saved in the
     * client's {@link CheckpointStore} after every message, so a restart continues where this run stopped.
     *
     * <p>A handler failure or an unparseable message never stops the run; both are in the report. Connection and login
     * failures throw a {@link MailbridgeException} (run {@link #check} for a diagnosis).
     *
     * @throws IllegalArgumentException if the account reads no mail, or POP3 is asked for folders, archive or mark-seen
     * @throws ServerResponseException if a folder does not exist; the message lists the folders that do
     */
    public RetrievalReport retrieve(MailboxAccount account, Retrieval retrieval, MessageHandler handler) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(retrieval, "retrieval");
        Objects.requireNonNull(handler, "handler");
        IncomingServer server = account.incoming()
                .orElseThrow(() -> new IllegalArgumentException(
                        "account " + account.address() + " has no incoming server: add imap(...) or pop3(...)"));
        long started = System.nanoTime();
        List<FolderReport> folders = server.protocol() == Protocol.POP3
                ? List.of(new Pop3Retrieval(sessions, checkpointStore, clock).run(account, server, retrieval, handler))
                : new ImapRetrieval(sessions, checkpointStore, guardedListener, clock, ignoredImapCapabilities)
                        .run(account, server, retrieval, handler);
        return new RetrievalReport(folders, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * One page of a header-first scan: the summaries (addresses, dates, subject, threading ids, flags, size) of up to
     * {@link HeaderScan#pageSize()} messages after the scan's cursor, without bodies, on one connection that is closed
     * before this returns. Read-only: flags and checkpoints are untouched. IMAP only.
     *
     * @throws IllegalArgumentException if the account has no IMAP server, or the scan's cursor is of another folder
     * @throws ServerResponseException if the folder does not exist; the message lists the folders that do
     */
    public ScanPage scan(MailboxAccount account, HeaderScan scan) {
        Objects.requireNonNull(scan, "scan");
        return imapScan().page(account, imapServer(account, "scan"), scan);
    }

    /**
     * Every summary after the scan's cursor, page by page on one connection, each handed to {@code consumer} as its
     * page arrives: memory stays at one page whatever the folder's size. Returns the cursor after the last message, to
     * list only newer mail next time. An exception from {@code consumer} ends the scan and reaches the caller.
     *
     * @throws IllegalArgumentException if the account has no IMAP server, or the scan's cursor is of another folder
     * @throws ServerResponseException if the folder does not exist
     */
    public ScanCursor scanAll(MailboxAccount account, HeaderScan scan, Consumer<MessageSummary> consumer) {
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(consumer, "consumer");
        return imapScan().all(account, imapServer(account, "scan"), scan, consumer);
    }

    /**
     * Fetches the whole messages {@code refs} name (from a {@link #scan}), 50 per round trip, parses them as {@link
     * #retrieve} does and hands each to {@code handler}. Read-only and without checkpoints: the application decides
     * what it has. A reference the server no longer has (expunged, or from before the folder was renumbered) is
     * reported missing; a handler that throws is reported and the rest go on.
     *
     * @throws IllegalArgumentException if the account has no IMAP server
     */
    public FetchReport fetchMessages(MailboxAccount account, List<MessageRef> refs, MessageHandler handler) {
        Objects.requireNonNull(refs, "refs");
        Objects.requireNonNull(handler, "handler");
        List<MessageRef> copy = List.copyOf(refs);
        if (copy.isEmpty()) {
            return new FetchReport(0, List.of(), List.of());
        }
        return imapScan().fetch(account, imapServer(account, "fetchMessages"), copy, handler);
    }

    private ImapScan imapScan() {
        Retrieval defaults = Retrieval.newBuilder().build();
        return new ImapScan(sessions, new MessageParser(defaults.attachmentSizeLimit(), defaults.textSizeLimit()));
    }

    private static IncomingServer imapServer(MailboxAccount account, String what) {
        Objects.requireNonNull(account, "account");
        IncomingServer server = account.incoming()
                .orElseThrow(() -> new IllegalArgumentException(
                        "account " + account.address() + " has no incoming server: add imap(...) to " + what));
        if (server.protocol() != Protocol.IMAP) {
            throw new IllegalArgumentException(what + " needs IMAP (folders, UIDs and flags); account "
                    + account.address() + " reads mail over " + server.protocol() + ": use retrieve(...) instead");
        }
        return server;
    }

    /**
     * Sends one message as {@code identity}, with {@link SendOptions#defaults()}: see {@link #send(Identity, List,
     * SendOptions)}.
     */
    public DeliveryResult send(Identity identity, OutgoingEmail email) {
        Objects.requireNonNull(email, "email");
        return send(identity, List.of(email), SendOptions.defaults()).results().get(0);
    }

    /** Sends a batch as {@code identity} with {@link SendOptions#defaults()}. */
    public SendReport send(Identity identity, List<OutgoingEmail> emails) {
        return send(identity, emails, SendOptions.defaults());
    }

    /**
     * Sends {@code emails} as {@code identity} over one SMTP connection, then appends each sent message to the
     * mailbox's Sent folder where the provider does not file it itself.
     *
     * <p>Each message is encoded and checked (size, the provider's recipient and daily limits) before anything
     * connects. Temporary refusals (4xx) and broken connections are retried as the options' {@link RetryPolicy} says,
     * for the recipients still pending only; permanent refusals (5xx) are not. A message whose hand-over may have
     * completed before the connection broke is reported {@link DeliveryResult.Status#UNCERTAIN} and never sent again.
     * A refused login stops the batch at once (retrying a wrong password can lock the account).
     *
     * <p>Never throws for a server's answer: every message has its {@link DeliveryResult}, with accepted and refused
     * recipients and the server's words. Check {@link SendReport#allSent()}.
     */
    public SendReport send(Identity identity, List<OutgoingEmail> emails, SendOptions options) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(options, "options");
        for (OutgoingEmail email : Objects.requireNonNull(emails, "emails")) {
            Objects.requireNonNull(email, "emails contains null");
        }
        return sender.send(identity, List.copyOf(emails), options);
    }

    /** {@link #send(Identity, List, SendOptions)} on this client's executor. */
    public CompletableFuture<SendReport> sendAsync(Identity identity, List<OutgoingEmail> emails, SendOptions options) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(options, "options");
        List<OutgoingEmail> copy = List.copyOf(emails);
        return CompletableFuture.supplyAsync(() -> sender.send(identity, copy, options), executor);
    }

    /**
     * Answers {@code original} automatically as {@code identity}, such as a helpdesk's "we received your request",
     * following RFC 3834. No reply is sent to automatic mail (auto-replies, bounces, lists and bulk mail, system senders,
     * the mailbox itself), nor to a sender who got one within the policy's period; the result says which rule held it
     * back. The period is tracked in the client's {@link CheckpointStore}, so it holds across restarts.
     *
     * <p>{@code content} fills the body (and may change the subject, {@code Auto: } plus the original's by default).
     * The reply always goes to the original's Reply-To or From only, threaded under it, marked {@code Auto-Submitted:
     * auto-replied}.
     */
    public AutoReplyResult autoReply(
            Identity identity,
            RetrievedMessage original,
            AutoReplyPolicy policy,
            Consumer<OutgoingEmail.Builder> content) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(content, "content");
        return autoResponder.reply(identity, original, policy, content);
    }

    /**
     * Asks {@code endpoint} whether it speaks {@code protocol} with its security, without logging in: connects, does
     * the TLS handshake (certificate and host name checked) or the STARTTLS upgrade, and reads the greeting and
     * capabilities. Discovery uses it to test guessed servers; a setup screen can use it to test a host before the user
     * typed a password. Never throws for a failing server; bounded by the connect and read timeouts.
     */
    public AlternativeResult probe(Protocol protocol, Endpoint endpoint) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(endpoint, "endpoint");
        return AlternativeProber.probe(net, protocol, endpoint);
    }

    /** Where retrieval keeps its per-folder cursors. */
    public CheckpointStore checkpointStore() {
        return checkpointStore;
    }

    /** How long a TCP connect may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long any read may wait for the server. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** How long any write may block. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** The trust anchors for server certificates. */
    public TlsTrust tlsTrust() {
        return tlsTrust;
    }

    /** The resolver. */
    public Dns dns() {
        return dns;
    }

    /** The clock used for timestamps in reports and messages. */
    public Clock clock() {
        return clock;
    }

    /** The event listener. */
    public EventListener eventListener() {
        return eventListener;
    }

    /** Timeouts and trust; never anything secret. */
    @Override
    public String toString() {
        return "MailboxClient[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", writeTimeout="
                + writeTimeout + ", trust=" + tlsTrust + "]";
    }

    /** Builds a {@link MailboxClient}; each setter checks its value at once. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private TlsTrust tlsTrust = TlsTrust.system();
        private Dns dns = Dns.SYSTEM;
        private @Nullable Executor executor;
        private Clock clock = Clock.systemUTC();
        private EventListener eventListener = EventListener.NONE;
        private @Nullable ScheduledExecutorService watchdog;
        private Function<Protocol, List<Protocol.PortSecurity>> alternativePorts = Protocol::standardPorts;
        private CheckpointStore checkpointStore = CheckpointStore.inMemory();
        private Set<String> ignoredImapCapabilities = Set.of();
        private @Nullable ProviderLimits providerLimits;

        private Builder() {}

        /**
         * Where retrieval remembers what it handled. In memory by default, which forgets at exit: for an application
         * that restarts, use {@link CheckpointStore#inDirectory(java.nio.file.Path)} or your own database-backed store.
         */
        public Builder checkpointStore(CheckpointStore store) {
            this.checkpointStore = Objects.requireNonNull(store, "checkpointStore");
            return this;
        }

        /** How long a TCP connect may take; 10 s by default, at most 10 minutes. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = checkTimeout("connectTimeout", timeout);
            return this;
        }

        /** How long any read may wait for the server; 30 s by default, at most 10 minutes. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = checkTimeout("readTimeout", timeout);
            return this;
        }

        /** How long any write may block; 30 s by default, at most 10 minutes. */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = checkTimeout("writeTimeout", timeout);
            return this;
        }

        /** The trust anchors for server certificates; the JVM's by default. */
        public Builder tlsTrust(TlsTrust trust) {
            this.tlsTrust = Objects.requireNonNull(trust, "tlsTrust");
            return this;
        }

        /** The resolver; {@link Dns#SYSTEM} by default. */
        public Builder dns(Dns dns) {
            this.dns = Objects.requireNonNull(dns, "dns");
            return this;
        }

        /**
         * Runs checks' parallel parts and async calls; by default a pool of daemon threads that end when idle. You own
         * an executor you supply.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The clock for timestamps; {@link Clock#systemUTC()} by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Observes checks and phases; {@link EventListener#NONE} by default. */
        public Builder eventListener(EventListener listener) {
            this.eventListener = Objects.requireNonNull(listener, "eventListener");
            return this;
        }

        /** Which ports count as a protocol's standard alternatives; tests point it at unprivileged ports. */
        Builder alternativePorts(Function<Protocol, List<Protocol.PortSecurity>> ports) {
            this.alternativePorts = Objects.requireNonNull(ports, "alternativePorts");
            return this;
        }

        /** Capabilities retrieval acts as if the server lacked; tests use it to take the fallback paths. */
        Builder ignoreImapCapabilities(String... capabilities) {
            this.ignoredImapCapabilities = Set.of(capabilities);
            return this;
        }

        private static Duration checkTimeout(String name, Duration timeout) {
            Objects.requireNonNull(timeout, name);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(
                        name + " is " + timeout + "; it must be positive (Mailbridge never waits forever)");
            }
            if (timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException(
                        name + " is " + timeout + "; at most " + MAX_TIMEOUT + " is allowed");
            }
            return timeout;
        }

        /** Builds the client. */
        public MailboxClient build() {
            Executor exec = executor != null ? executor : defaultExecutor();
            ScheduledExecutorService dog = watchdog != null ? watchdog : defaultWatchdog();
            return new MailboxClient(this, exec, dog);
        }

        /**
         * Up to 64 daemon threads that end after a minute idle; work beyond them waits in a queue rather than being
         * refused, so a burst of {@code checkAsync} calls completes instead of failing part-way.
         */
        private static ExecutorService defaultExecutor() {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(
                    64, 64, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("mailbridge-worker-"));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }

        private static ScheduledExecutorService defaultWatchdog() {
            ScheduledThreadPoolExecutor dog = new ScheduledThreadPoolExecutor(1, daemonThreads("mailbridge-watchdog-"));
            dog.setRemoveOnCancelPolicy(true);
            dog.setKeepAliveTime(10, TimeUnit.SECONDS);
            dog.allowCoreThreadTimeOut(true);
            return dog;
        }

        private static ThreadFactory daemonThreads(String prefix) {
            AtomicInteger counter = new AtomicInteger();
            return runnable -> {
                Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
