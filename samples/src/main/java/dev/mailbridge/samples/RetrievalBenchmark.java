package dev.mailbridge.samples;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.Security;
import dev.mailbridge.TlsTrust;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.HeaderScan;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievalReport;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Measures a full retrieval with the leave policy against Jakarta Mail's plain FetchProfile scan of the same folder, in
 * the same run. Not a test: run it by hand.
 *
 * <pre>
 * # embedded GreenMail seeded with N messages:
 * mvn -q -B -pl samples -am package -DskipTests -Pbench -Dbench.args="--messages 10000"
 * # any IMAP server (password from the environment variable MAILBRIDGE_BENCH_PASSWORD):
 * mvn -q -B -pl samples -am package -DskipTests -Pbench \
 *     -Dbench.args="--host 127.0.0.1 --port 993 --user bench@lab.test --trust /path/ca.p12"
 * </pre>
 */
public final class RetrievalBenchmark {
    private RetrievalBenchmark() {}

    public static void main(String[] args) throws Exception {
        Arguments a = Arguments.parse(args);
        EmbeddedMailServer embedded = null;
        String host = a.host;
        int port = a.port;
        String trustFile = a.trust;
        String user = a.user;
        String password = System.getenv().getOrDefault("MAILBRIDGE_BENCH_PASSWORD", "Bench-Password-1");
        TlsTrust trust = trustFile == null
                ? TlsTrust.system()
                : TlsTrust.fromPkcs12(Path.of(trustFile), "changeit".toCharArray());
        if (host == null) {
            embedded = EmbeddedMailServer.start();
            embedded.addUser(user, password);
            embedded.seed(user, a.messages);
            host = "localhost";
            port = embedded.imapsPort();
            trust = EmbeddedMailServer.trust();
        }
        try {
            String checkpointDir = a.checkpoints;
            MailboxClient client = MailboxClient.newBuilder()
                    .tlsTrust(trust)
                    .checkpointStore(checkpoints(checkpointDir))
                    .build();
            MailboxAccount account = MailboxAccount.newBuilder()
                    .address(user.contains("@") ? user : user + "@localhost")
                    .incomingUsername(user)
                    .imap(host, port, Security.IMPLICIT_TLS)
                    .credentials(Credentials.password(password))
                    .build();
            System.out.printf(
                    "server %s:%d, JVM max heap %d MiB%n",
                    host, port, Runtime.getRuntime().maxMemory() >> 20);
            if (a.mode.equals("policy")) {
                policyRun(client, account, a);
                return;
            }
            if (a.mode.equals("poll")) {
                emptyPoll(client, account);
                return;
            }

            Path floorTrust = trustFile == null ? EmbeddedMailServer.trustStoreFile() : Path.of(trustFile);
            String envelope = "(UID FLAGS RFC822.SIZE ENVELOPE)";
            String whole = "(UID FLAGS RFC822.SIZE BODY.PEEK[])";
            rawFetch(host, port, user, password, floorTrust, envelope); // warm-up
            double floorSeconds = rawFetch(host, port, user, password, floorTrust, envelope) / 1e9;
            double wholeFloorSeconds = rawFetch(host, port, user, password, floorTrust, whole) / 1e9;
            System.out.printf(
                    "raw floor, one UID FETCH 1:* %s through a minimal client, command only: %.2f s%n",
                    envelope, floorSeconds);
            System.out.printf(
                    "raw floor, one UID FETCH 1:* %s (whole messages) through a minimal client, command only: %.2f s%n",
                    whole, wholeFloorSeconds);

            long[] scan = jakartaScan(host, port, user, password);
            int scanned = (int) scan[0];
            double baselineSeconds = scan[1] / 1e9;
            long baselineHeap = liveHeap();
            System.out.printf(
                    "Jakarta FetchProfile scan (UID FLAGS SIZE ENVELOPE), fetch only: %d messages in %.2f s (%.0f msg/s),"
                            + " live heap after GC %d MiB%n",
                    scanned, baselineSeconds, scanned / baselineSeconds, baselineHeap >> 20);

            // Header-first scan: timed alone, then again with the live heap sampled (a GC per sample would skew time).
            HeaderScan scanAll = HeaderScan.newBuilder().build();
            // Warm-up, as for the floor: Dovecot caches the header fields a client asks for after the first request.
            client.scanAll(account, scanAll, summary -> {});
            AtomicLong summaries = new AtomicLong();
            long scanStart = System.nanoTime();
            client.scanAll(account, scanAll, summary -> summaries.incrementAndGet());
            double scanSeconds = (System.nanoTime() - scanStart) / 1e9;
            AtomicLong scanPeak = new AtomicLong(liveHeap());
            AtomicLong sampled = new AtomicLong();
            client.scanAll(account, scanAll, summary -> {
                if (sampled.incrementAndGet() % 5_000 == 0) {
                    scanPeak.accumulateAndGet(liveHeap(), Math::max);
                }
            });
            System.out.printf(
                    "Mailbridge header-first scan (scanAll, pages of 500: UID FLAGS INTERNALDATE RFC822.SIZE and 11 header"
                            + " fields, each parsed into a MessageSummary), with connect and login: %d messages in %.2f s"
                            + " (%.0f msg/s), peak live heap after GC %d MiB%n",
                    summaries.get(), scanSeconds, summaries.get() / scanSeconds, scanPeak.get() >> 20);

            double mbsyncSeconds = a.mbsync ? mbsync(host, port, user, password, floorTrust) : Double.NaN;

            AtomicLong peak = new AtomicLong(liveHeap());
            AtomicLong count = new AtomicLong();
            long start = System.nanoTime();
            RetrievalReport report = client.retrieve(account, everything(a.batch, AfterHandling.leave()), message -> {
                if (count.incrementAndGet() % 10_000 == 0) {
                    peak.accumulateAndGet(liveHeap(), Math::max);
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            peak.accumulateAndGet(liveHeap(), Math::max);
            int handled = report.handled();
            System.out.printf(
                    "Mailbridge retrieval, leave policy, whole messages, with connect and login: %d messages in %.2f s (%.0f msg/s),"
                            + " peak live heap after GC %d MiB, round trips %d (1 UID SEARCH + 1 UID FETCH per %d)%n",
                    handled,
                    seconds,
                    handled / seconds,
                    peak.get() >> 20,
                    1 + (handled + a.batch - 1) / a.batch,
                    a.batch);
            // Again in this JVM with new checkpoints: the first run also paid for the JIT compiling the parser and
            // TLS (about 25 s of compiler CPU on this machine, on the same two cores); an application importing
            // mailboxes all day runs warm.
            MailboxClient again = client.toBuilder()
                    .checkpointStore(checkpoints(checkpointDir))
                    .build();
            long warmStart = System.nanoTime();
            int warmHandled = again.retrieve(account, everything(a.batch, AfterHandling.leave()), message -> {})
                    .handled();
            double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
            System.out.printf(
                    "Mailbridge retrieval again in the same JVM (warm), new checkpoints: %d messages in %.2f s (%.0f"
                            + " msg/s); warm / raw whole-message floor %.2f, warm / mbsync %.2f%n",
                    warmHandled,
                    warmSeconds,
                    warmHandled / warmSeconds,
                    warmSeconds / wholeFloorSeconds,
                    warmSeconds / mbsyncSeconds);
            System.out.printf(
                    "ratios: Jakarta scan / raw envelope floor %.2f, scan / raw envelope floor %.2f, retrieval / raw"
                            + " envelope floor %.2f, retrieval / Jakarta scan %.2f, retrieval / raw whole-message floor"
                            + " %.2f, retrieval / mbsync %.2f, mbsync / raw whole-message floor %.2f%n",
                    baselineSeconds / floorSeconds,
                    scanSeconds / floorSeconds,
                    seconds / floorSeconds,
                    seconds / baselineSeconds,
                    seconds / wholeFloorSeconds,
                    seconds / mbsyncSeconds,
                    mbsyncSeconds / wholeFloorSeconds);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /**
     * mbsync (isync) pulling the folder into an empty Maildir, with its defaults (it fsyncs every message it stores),
     * timed as a whole with its connect and login; the Maildir is deleted afterwards.
     */
    private static double mbsync(String host, int port, String user, String password, Path trust) throws Exception {
        Path dir = Files.createTempDirectory("mbsync-bench");
        try {
            Path ca = dir.resolve("ca.pem");
            try (InputStream in = Files.newInputStream(trust)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, "changeit".toCharArray());
                StringBuilder pem = new StringBuilder();
                for (String alias : java.util.Collections.list(store.aliases())) {
                    pem.append("-----BEGIN CERTIFICATE-----\n")
                            .append(java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                    .encodeToString(store.getCertificate(alias).getEncoded()))
                            .append("\n-----END CERTIFICATE-----\n");
                }
                Files.writeString(ca, pem);
            }
            Files.createDirectories(dir.resolve("mail"));
            Path config = dir.resolve("mbsyncrc");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "IMAPAccount bench",
                            // mbsync checks the certificate's DNS names only; the lab's names localhost too.
                            "Host " + (host.equals("127.0.0.1") ? "localhost" : host),
                            "Port " + port,
                            "User " + user,
                            "PassCmd \"printenv MAILBRIDGE_BENCH_PASSWORD\"",
                            "SSLType IMAPS",
                            "CertificateFile " + ca,
                            "",
                            "IMAPStore bench-far",
                            "Account bench",
                            "",
                            "MaildirStore bench-near",
                            "Path " + dir.resolve("mail") + "/",
                            "Inbox " + dir.resolve("mail/INBOX"),
                            "",
                            "Channel bench",
                            "Far :bench-far:",
                            "Near :bench-near:",
                            "Patterns INBOX",
                            "Create Near",
                            "Sync Pull",
                            "SyncState *",
                            ""));
            ProcessBuilder command =
                    new ProcessBuilder("mbsync", "-q", "-c", config.toString(), "bench").redirectErrorStream(true);
            command.environment().put("MAILBRIDGE_BENCH_PASSWORD", password);
            long start = System.nanoTime();
            Process process = command.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("mbsync failed: " + output);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long stored;
            try (var files = Files.list(dir.resolve("mail/INBOX/cur"))) {
                stored = files.count();
            } catch (java.nio.file.NoSuchFileException e) {
                stored = 0;
            }
            try (var files = Files.list(dir.resolve("mail/INBOX/new"))) {
                stored += files.count();
            } catch (java.nio.file.NoSuchFileException e) {
                // none
            }
            System.out.printf(
                    "mbsync %s pulling INBOX into an empty Maildir (its defaults, fsync per message), with connect and"
                            + " login: %d messages in %.2f s (%.0f msg/s)%n",
                    "(isync)", stored, seconds, stored / seconds);
            return seconds;
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    /** One retrieval of the whole folder with {@code --policy}, checkpointed to disk; the script reseeds between. */
    private static void policyRun(MailboxClient client, MailboxAccount account, Arguments a) {
        AfterHandling policy = switch (a.policy) {
            case "archive" -> AfterHandling.archive();
            case "delete" -> AfterHandling.delete();
            case "leave" -> AfterHandling.leave();
            default -> throw new IllegalArgumentException("--policy is archive, delete or leave");
        };
        long start = System.nanoTime();
        RetrievalReport report = client.retrieve(account, everything(a.batch, policy), message -> {});
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "policy %s: %d messages in %.2f s, %.3f ms a message%n",
                a.policy, report.handled(), seconds, seconds * 1000 / Math.max(1, report.handled()));
    }

    /**
     * Two retrievals of the folder with checkpoints on disk; the second finds nothing new. Between them a marker line
     * goes into Mailbridge's wire log (slf4j-simple at TRACE into a file, set up by the script), which then counts the
     * IMAP commands after it once this JVM has ended and the log is flushed.
     */
    private static void emptyPoll(MailboxClient client, MailboxAccount account) {
        Retrieval leave = Retrieval.newBuilder().maxPerFolder(Integer.MAX_VALUE).build();
        client.retrieve(account, leave, message -> {});
        org.slf4j.LoggerFactory.getLogger("dev.mailbridge.wire").trace("EMPTY POLL STARTS");
        RetrievalReport poll = client.retrieve(account, leave, message -> {});
        System.out.printf("empty poll: %d new messages%n", poll.handled());
    }

    /** The whole folder in batches of {@code batch}, with {@code policy}. */
    private static Retrieval everything(int batch, AfterHandling policy) {
        return Retrieval.newBuilder()
                .maxPerFolder(Integer.MAX_VALUE)
                .batchSize(batch)
                .afterHandling(policy)
                .build();
    }

    /** New checkpoints: in memory, or in a new directory under {@code parent}. */
    private static CheckpointStore checkpoints(@Nullable String parent) throws java.io.IOException {
        return parent == null
                ? CheckpointStore.inMemory()
                : CheckpointStore.inDirectory(Files.createTempDirectory(Path.of(parent), "bench"));
    }

    /** Jakarta's plain scan; returns the message count and the nanoseconds of the fetch alone. */
    private static long[] jakartaScan(String host, int port, String user, String password) throws Exception {
        Properties props = new Properties();
        props.put("mail.imaps.ssl.trust", host); // baseline only: Jakarta's own trust handling, nothing of ours
        props.put("mail.imaps.ssl.checkserveridentity", "false");
        Session session = Session.getInstance(props);
        try (Store store = session.getStore("imaps")) {
            store.connect(host, port, user, password);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(FetchProfile.Item.SIZE);
            profile.add(FetchProfile.Item.ENVELOPE);
            long start = System.nanoTime();
            inbox.fetch(messages, profile);
            long elapsed = System.nanoTime() - start;
            inbox.close(false);
            return new long[] {messages.length, elapsed};
        }
    }

    /**
     * A floor: one {@code UID FETCH 1:* items} through a minimal client of a TLS socket
     * and nothing else: the response bytes are read and dropped until the tagged reply, nothing is parsed. Returns
     * the nanoseconds of that command alone.
     */
    private static long rawFetch(String host, int port, String user, String password, Path trustStore, String items)
            throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            store.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(host, port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(120_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            untilTagged(in, "*"); // greeting
            command(out, "R1 LOGIN " + quoted(user) + " " + quoted(password));
            untilTagged(in, "R1");
            command(out, "R2 SELECT INBOX");
            untilTagged(in, "R2");
            long start = System.nanoTime();
            command(out, "R3 UID FETCH 1:* " + items);
            untilTagged(in, "R3");
            long elapsed = System.nanoTime() - start;
            command(out, "R4 LOGOUT");
            return elapsed;
        }
    }

    private static void command(OutputStream out, String line) throws java.io.IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Reads and drops bytes until a line that starts with {@code tag + " "}; fails on anything but OK. */
    private static void untilTagged(InputStream in, String tag) throws java.io.IOException {
        byte[] prefix = (tag + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[1 << 16];
        StringBuilder line = new StringBuilder();
        boolean lineStart = true;
        int matched = 0;
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new java.io.EOFException("connection closed before the reply to " + tag);
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (matched == prefix.length) {
                    if (b == '\n') {
                        if (!line.toString().startsWith("OK")) {
                            throw new java.io.IOException(
                                    tag + " " + line.toString().strip());
                        }
                        return;
                    }
                    line.append((char) b);
                } else if ((lineStart || matched > 0) && b == prefix[matched]) {
                    matched++;
                } else {
                    matched = 0;
                }
                lineStart = b == '\n';
            }
        }
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static final class Arguments {
        @Nullable
        String host;

        int port = 993;
        String user = "bench@mailbridge.test";

        @Nullable
        String trust;

        @Nullable
        String checkpoints;

        int messages = 2000;
        int batch = 50;
        String mode = "import";
        String policy = "leave";
        boolean mbsync;

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--host" -> a.host = args[i + 1];
                    case "--port" -> a.port = Integer.parseInt(args[i + 1]);
                    case "--user" -> a.user = args[i + 1];
                    case "--trust" -> a.trust = args[i + 1];
                    case "--messages" -> a.messages = Integer.parseInt(args[i + 1]);
                    case "--batch" -> a.batch = Integer.parseInt(args[i + 1]);
                    case "--checkpoints" -> a.checkpoints = args[i + 1];
                    case "--mode" -> a.mode = args[i + 1];
                    case "--policy" -> a.policy = args[i + 1];
                    case "--mbsync" -> a.mbsync = Boolean.parseBoolean(args[i + 1]);
                    default ->
                        throw new IllegalArgumentException("unknown option " + args[i]
                                + "; use --host --port --user --trust --messages --batch --checkpoints DIR"
                                + " --mode import|policy|poll --policy archive|delete|leave"
                                + " --mbsync true");
                }
            }
            return a;
        }
    }
}
