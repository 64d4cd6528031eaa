package dev.mailbridge.samples;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.Security;
import dev.mailbridge.TlsTrust;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.CheckpointStore;
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
                    .checkpointStore(
                            checkpointDir == null
                                    ? CheckpointStore.inMemory()
                                    : CheckpointStore.inDirectory(
                                            Files.createTempDirectory(Path.of(checkpointDir), "bench")))
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

            AtomicLong peak = new AtomicLong(liveHeap());
            AtomicLong count = new AtomicLong();
            long start = System.nanoTime();
            RetrievalReport report = client.retrieve(
                    account,
                    Retrieval.newBuilder()
                            .maxPerFolder(Integer.MAX_VALUE)
                            .batchSize(a.batch)
                            .afterHandling(AfterHandling.leave())
                            .build(),
                    message -> {
                        if (count.incrementAndGet() % 1000 == 0) {
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
            System.out.printf(
                    "ratios: Jakarta scan / raw envelope floor %.2f, retrieval / raw envelope floor %.2f, retrieval /"
                            + " Jakarta scan %.2f, retrieval / raw whole-message floor %.2f%n",
                    baselineSeconds / floorSeconds,
                    seconds / floorSeconds,
                    seconds / baselineSeconds,
                    seconds / wholeFloorSeconds);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
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
                    default ->
                        throw new IllegalArgumentException("unknown option " + args[i]
                                + "; use --host --port --user --trust --messages --batch --checkpoints DIR");
                }
            }
            return a;
        }
    }
}
