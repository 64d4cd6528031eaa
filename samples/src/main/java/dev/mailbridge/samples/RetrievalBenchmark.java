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
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
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

            rawEnvelopeFetch(host, port, user, password, trust == TlsTrust.system()); // warm-up
            double floorSeconds = rawEnvelopeFetch(host, port, user, password, trust == TlsTrust.system()) / 1e9;
            System.out.printf(
                    "raw floor, one UID FETCH 1:* (UID FLAGS RFC822.SIZE ENVELOPE), command only: %.2f s%n",
                    floorSeconds);

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
                    "ratios: Jakarta scan / raw floor %.2f, retrieval / raw floor %.2f, retrieval / Jakarta scan"
                            + " %.2f%n",
                    baselineSeconds / floorSeconds, seconds / floorSeconds, seconds / baselineSeconds);
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
     * The floor: one FETCH command over the whole folder, responses read and dropped, nothing parsed into objects.
     * Returns the nanoseconds of the command alone.
     */
    private static long rawEnvelopeFetch(String host, int port, String user, String password, boolean systemTrust)
            throws Exception {
        Properties props = new Properties();
        if (!systemTrust) {
            props.put("mail.imaps.ssl.trust", host); // baseline only: Jakarta's own trust handling, nothing of ours
            props.put("mail.imaps.ssl.checkserveridentity", "false");
        }
        Session session = Session.getInstance(props);
        try (Store store = session.getStore("imaps")) {
            store.connect(host, port, user, password);
            org.eclipse.angus.mail.imap.IMAPFolder inbox =
                    (org.eclipse.angus.mail.imap.IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            long start = System.nanoTime();
            inbox.doCommand(p -> p.command("UID FETCH 1:* (UID FLAGS RFC822.SIZE ENVELOPE)", null).length);
            long elapsed = System.nanoTime() - start;
            inbox.close(false);
            return elapsed;
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
