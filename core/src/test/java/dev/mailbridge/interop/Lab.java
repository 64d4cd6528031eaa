package dev.mailbridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.Security;
import dev.mailbridge.TlsTrust;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.testing.FakeDns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's lab of real servers (scripts/mail-lab: Dovecot, a second Dovecot without MOVE, Postfix and dnsmasq, all
 * on 127.0.0.1), as the interop suite sees it.
 */
final class Lab {
    static final Path DIR = Path.of(System.getenv().getOrDefault("MAILBRIDGE_LAB", "/var/lib/mailbridge-lab"));
    static final Path TRUST_STORE = DIR.resolve("tls/truststore.p12");
    static final String HOST = "mail.lab.test";
    /** The name the lab's certificate does not carry; resolves to the same servers. */
    static final String OTHER_HOST = "other.lab.test";
    /** The password of the mailboxes the suite reseeds (move, copy, delete, seen, restart, renumber, pop-...). */
    static final String BOX_PASSWORD = "Lab-Password-3";
    /** The second Dovecot: IMAP without MOVE, STARTTLS on 10143, TLS on 10993. */
    static final int LEGACY_IMAPS = 10993;

    /** The script sits at the repository's top; surefire runs in the module's directory. */
    private static final Path SCRIPT = Path.of("..", "scripts", "mail-lab");

    private Lab() {}

    /**
     * Skips the calling tests when the lab is not up, so {@code mvn verify} stays green without root. CI sets
     * MAILBRIDGE_INTEROP_REQUIRED so that a lab that failed to start fails the suite instead of skipping it silently.
     */
    static void mustBeUp() {
        boolean up = Files.isReadable(TRUST_STORE) && answers(993) && answers(587) && answers(LEGACY_IMAPS);
        String why = "the interop lab is not up: run `sudo scripts/mail-lab up` (Debian 12, root) to run these tests";
        if (System.getenv("MAILBRIDGE_INTEROP_REQUIRED") != null) {
            Assertions.assertTrue(up, why);
        }
        Assumptions.assumeTrue(up, why);
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A client that trusts the lab's CA and resolves the lab's names to 127.0.0.1. */
    static MailboxClient.Builder client() {
        return MailboxClient.newBuilder()
                .tlsTrust(TlsTrust.fromPkcs12(TRUST_STORE, "changeit".toCharArray()))
                .dns(FakeDns.loopback(HOST, OTHER_HOST))
                .connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(20)) // Dovecot delays failed logins by up to 15 s
                .checkpointStore(CheckpointStore.inMemory());
    }

    /** dana@lab.test over IMAP 993 and SMTP 465, both implicit TLS. */
    static MailboxAccount.Builder dana() {
        return MailboxAccount.newBuilder()
                .address("dana@lab.test")
                .displayName("Dana")
                .imap(HOST, 993, Security.IMPLICIT_TLS)
                .smtp(HOST, 465, Security.IMPLICIT_TLS)
                .credentials(Credentials.password("Lab-Password-1"));
    }

    /** One of the reseedable mailboxes, {@code box@lab.test}, over IMAP 993. */
    static MailboxAccount.Builder box(String box) {
        return dana().address(box + "@lab.test").displayName(box).credentials(Credentials.password(BOX_PASSWORD));
    }

    /** An IMAPS connection to 993, logged in and left open: a client of another application holding a session. */
    static SSLSocket loggedInImapSocket(String user, String password) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TRUST_STORE)) {
            trust.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", 993);
        socket.setSoTimeout(20_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        in.readLine(); // greeting
        socket.getOutputStream()
                .write(("h LOGIN \"" + user + "\" \"" + password + "\"\r\n").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        String line;
        while ((line = in.readLine()) != null && !line.startsWith("h ")) {
            // untagged capability lines
        }
        assertThat(line).as("login of " + user).startsWith("h OK");
        return socket;
    }

    /** Replaces {@code box@lab.test}'s INBOX with {@code count} varied messages (scripts/mail-lab seed). */
    static void seed(String box, int count) {
        seed(box, count, null);
    }

    /**
     * As {@link #seed(String, int)}, with the messages' dates fixed by {@code epoch} (seconds): seeding twice with the
     * same epoch recreates identical mail under a new UIDVALIDITY, as a server that rebuilt its folder would.
     */
    static void seed(String box, int count, @Nullable Long epoch) {
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "seed", Integer.toString(count), box)
                    .redirectErrorStream(true);
            if (epoch != null) {
                builder.environment().put("SEED_EPOCH", epoch.toString());
            }
            Process seed = builder.start();
            String output = new String(seed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(seed.waitFor(2, TimeUnit.MINUTES))
                    .as("seeding %s timed out", box)
                    .isTrue();
            assertThat(seed.exitValue()).as(output).isZero();
        } catch (IOException e) {
            throw new AssertionError("could not run " + SCRIPT + " seed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while seeding " + box, e);
        }
    }

    /**
     * Each Message-ID in {@code folder} with how many copies of it the folder holds, read by a leave-run with
     * checkpoints of its own, so nothing the caller's runs remember hides a message.
     */
    static java.util.Map<String, Integer> messageIds(MailboxClient client, MailboxAccount account, String folder) {
        java.util.Map<String, Integer> ids = new java.util.HashMap<>();
        client.toBuilder()
                .checkpointStore(CheckpointStore.inMemory())
                .build()
                .retrieve(
                        account,
                        dev.mailbridge.retrieval.Retrieval.newBuilder()
                                .folders(folder)
                                .maxPerFolder(10_000)
                                .build(),
                        m -> ids.merge(
                                m.messageId().orElseThrow(() -> new AssertionError("no Message-ID: " + m)),
                                1,
                                Integer::sum));
        return ids;
    }
}
