package dev.mailbridge.samples;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.Security;
import dev.mailbridge.TlsTrust;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievalReport;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.lang.management.ManagementFactory;
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
            MailboxClient client = MailboxClient.newBuilder().tlsTrust(trust).build();
            MailboxAccount account = MailboxAccount.newBuilder()
                    .address(user.contains("@") ? user : user + "@localhost")
                    .incomingUsername(user)
                    .imap(host, port, Security.IMPLICIT_TLS)
                    .credentials(Credentials.password(password))
                    .build();
            System.out.printf(
                    "server %s:%d, JVM max heap %d MiB%n",
                    host, port, Runtime.getRuntime().maxMemory() >> 20);

            long baselineStart = System.nanoTime();
            int scanned = jakartaScan(client, account, host, port, user, password);
            double baselineSeconds = (System.nanoTime() - baselineStart) / 1e9;
            long baselineHeap = liveHeap();
            System.out.printf(
                    "Jakarta FetchProfile scan (UID FLAGS SIZE ENVELOPE): %d messages in %.2f s (%.0f msg/s),"
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
                    "Mailbridge retrieval, leave policy, whole messages: %d messages in %.2f s (%.0f msg/s),"
                            + " peak live heap after GC %d MiB, round trips %d (1 UID SEARCH + 1 UID FETCH per %d)%n",
                    handled,
                    seconds,
                    handled / seconds,
                    peak.get() >> 20,
                    1 + (handled + a.batch - 1) / a.batch,
                    a.batch);
            System.out.printf("ratio retrieval time / header scan time: %.2f%n", seconds / baselineSeconds);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static int jakartaScan(
            MailboxClient client, MailboxAccount account, String host, int port, String user, String password)
            throws Exception {
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
            inbox.fetch(messages, profile);
            int count = messages.length;
            inbox.close(false);
            return count;
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
                    default ->
                        throw new IllegalArgumentException(
                                "unknown option " + args[i] + "; use --host --port --user --trust --messages --batch");
                }
            }
            return a;
        }
    }
}
