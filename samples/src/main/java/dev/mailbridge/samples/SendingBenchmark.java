package dev.mailbridge.samples;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.Security;
import dev.mailbridge.TlsTrust;
import dev.mailbridge.sending.CopyToSent;
import dev.mailbridge.sending.Identity;
import dev.mailbridge.sending.OutgoingEmail;
import dev.mailbridge.sending.SendOptions;
import dev.mailbridge.sending.SendReport;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sends N small messages over one SMTP connection and with a new connection per message, with Mailbridge, Jakarta
 * Mail's plain {@code Transport} and Python's smtplib in the same run, and prints messages per second and the ratios.
 * Not a test: run it by hand.
 *
 * <pre>
 * # embedded GreenMail (implicit TLS):
 * mvn -q -B -pl samples -am package -DskipTests -Pbench -Dbench.class=SendingBenchmark \
 *     -Dbench.args="--messages 2000 --each 100"
 * # any submission server (password from MAILBRIDGE_BENCH_PASSWORD; trust store password changeit):
 * ... -Dbench.args="--host 127.0.0.1 --port 587 --security STARTTLS --user bench@lab.test --to sink@lab.test
 *     --trust /path/ca.p12 --messages 1000"
 * </pre>
 */
public final class SendingBenchmark {
    private SendingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Arguments a = Arguments.parse(args);
        String password = System.getenv().getOrDefault("MAILBRIDGE_BENCH_PASSWORD", "Bench-Password-1");
        EmbeddedMailServer embedded = null;
        String host = a.host;
        int port = a.port;
        Path trustFile = a.trust == null ? null : Path.of(a.trust);
        if (host == null) {
            embedded = EmbeddedMailServer.start();
            embedded.addUser(a.user, password);
            host = "localhost";
            port = embedded.smtpsPort();
            trustFile = EmbeddedMailServer.trustStoreFile();
        }
        if (trustFile == null) {
            throw new IllegalArgumentException("--trust is required with --host: the CA's PKCS#12 trust store");
        }
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(trustFile)) {
                anchors.load(in, "changeit".toCharArray());
            }
            MailboxClient client = MailboxClient.newBuilder()
                    .tlsTrust(TlsTrust.fromKeyStore(anchors))
                    .build();
            MailboxAccount account = MailboxAccount.newBuilder()
                    .address(a.user)
                    .smtp(host, port, a.security)
                    .credentials(Credentials.password(password))
                    .build();
            Identity identity = Identity.of(account);
            SendOptions noCopy =
                    SendOptions.newBuilder().copyToSent(CopyToSent.NEVER).build();
            Session jakarta = jakartaSession(host, port, a.security, anchors);
            Path caPem = pem(anchors);
            System.out.printf(
                    "server %s:%d %s, %d messages on one connection, %d with a connection each, %d rounds%n",
                    host, port, a.security, a.messages, a.each, a.rounds);

            // Warm-up: class loading, JIT and TLS session caches for every client, then the measured runs.
            mailbridgeOne(client, identity, noCopy, a, 500);
            jakartaOne(jakarta, a, password, 500);
            mailbridgeEach(client, identity, noCopy, a, 10);
            jakartaEach(jakarta, a, password, 10);

            // Rounds alternate the order of the clients, because the in-process server and the JIT keep warming up
            // for a while; each figure is the median of its rounds.
            List<Double> mbOneRuns = new ArrayList<>();
            List<Double> jkOneRuns = new ArrayList<>();
            List<Double> pyOneRuns = new ArrayList<>();
            List<Double> mbEachRuns = new ArrayList<>();
            List<Double> jkEachRuns = new ArrayList<>();
            List<Double> pyEachRuns = new ArrayList<>();
            for (int round = 0; round < a.rounds; round++) {
                boolean mailbridgeFirst = round % 2 == 0;
                if (mailbridgeFirst) {
                    mbOneRuns.add(mailbridgeOne(client, identity, noCopy, a, a.messages));
                }
                jkOneRuns.add(jakartaOne(jakarta, a, password, a.messages));
                if (!mailbridgeFirst) {
                    mbOneRuns.add(mailbridgeOne(client, identity, noCopy, a, a.messages));
                }
                pyOneRuns.add(smtplib(host, port, a, password, caPem, "one", a.messages));
                if (a.each > 0) {
                    if (mailbridgeFirst) {
                        mbEachRuns.add(mailbridgeEach(client, identity, noCopy, a, a.each));
                    }
                    jkEachRuns.add(jakartaEach(jakarta, a, password, a.each));
                    if (!mailbridgeFirst) {
                        mbEachRuns.add(mailbridgeEach(client, identity, noCopy, a, a.each));
                    }
                    pyEachRuns.add(smtplib(host, port, a, password, caPem, "each", a.each));
                }
                System.out.printf("round %d of %d done%n", round + 1, a.rounds);
            }
            double mbOne = median(mbOneRuns);
            double jkOne = median(jkOneRuns);
            double pyOne = median(pyOneRuns);
            double mbEach = median(mbEachRuns);
            double jkEach = median(jkEachRuns);
            double pyEach = median(pyEachRuns);

            System.out.println();
            System.out.printf("%-34s %10s %10s%n", "", "one conn.", "conn./msg");
            row("Mailbridge (msg/s)", a.messages / mbOne, a.each / mbEach);
            row("Jakarta Transport (msg/s)", a.messages / jkOne, a.each / jkEach);
            if (pyOne > 0) {
                row("Python smtplib (msg/s)", a.messages / pyOne, a.each / pyEach);
                row("Mailbridge / smtplib", pyOne / mbOne, pyEach / mbEach);
            } else {
                System.out.println("Python smtplib: not run (python3 not found)");
            }
            row("Mailbridge / Jakarta", jkOne / mbOne, jkEach / mbEach);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static double median(List<Double> seconds) {
        if (seconds.isEmpty() || seconds.contains(-1.0)) {
            return seconds.isEmpty() ? Double.NaN : -1;
        }
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void row(String name, double one, double each) {
        System.out.printf("%-34s %10.2f %10.2f%n", name, one, each);
    }

    private static OutgoingEmail email(Arguments a, int i) {
        return OutgoingEmail.newBuilder()
                .to(a.to)
                .subject("Mailbridge benchmark " + i)
                .text("A small message of about one kilobyte.\n" + "benchmark line\n".repeat(60))
                .build();
    }

    private static double mailbridgeOne(
            MailboxClient client, Identity identity, SendOptions options, Arguments a, int count) {
        List<OutgoingEmail> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(email(a, i));
        }
        long start = System.nanoTime();
        SendReport report = client.send(identity, batch, options);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!report.allSent()) {
            throw new IllegalStateException("not all sent: " + report.failures().get(0));
        }
        return seconds;
    }

    private static double mailbridgeEach(
            MailboxClient client, Identity identity, SendOptions options, Arguments a, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            SendReport report = client.send(identity, List.of(email(a, i)), options);
            if (!report.allSent()) {
                throw new IllegalStateException("not sent: " + report.failures().get(0));
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static Session jakartaSession(String host, int port, Security security, KeyStore anchors) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(anchors);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        String p = security == Security.IMPLICIT_TLS ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put(p + "host", host);
        props.put(p + "port", String.valueOf(port));
        props.put(p + "auth", "true");
        props.put(p + "ssl.socketFactory", tls.getSocketFactory());
        props.put(p + "ssl.checkserveridentity", "true");
        props.put(p + "connectiontimeout", "10000");
        props.put(p + "timeout", "30000");
        if (security == Security.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        props.put("bench.protocol", security == Security.IMPLICIT_TLS ? "smtps" : "smtp");
        return Session.getInstance(props);
    }

    private static MimeMessage jakartaMessage(Session session, Arguments a, int i) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(a.user));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(a.to));
        m.setSubject("Jakarta benchmark " + i);
        m.setText("A small message of about one kilobyte.\n" + "benchmark line\n".repeat(60), "UTF-8");
        m.saveChanges();
        return m;
    }

    private static double jakartaOne(Session session, Arguments a, String password, int count) throws Exception {
        long start = System.nanoTime();
        try (Transport transport = session.getTransport(session.getProperty("bench.protocol"))) {
            transport.connect(a.user, password);
            for (int i = 0; i < count; i++) {
                MimeMessage m = jakartaMessage(session, a, i);
                transport.sendMessage(m, m.getAllRecipients());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double jakartaEach(Session session, Arguments a, String password, int count) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            try (Transport transport = session.getTransport(session.getProperty("bench.protocol"))) {
                transport.connect(a.user, password);
                MimeMessage m = jakartaMessage(session, a, i);
                transport.sendMessage(m, m.getAllRecipients());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Runs the smtplib baseline; -1 when there is no python3. */
    private static double smtplib(
            String host, int port, Arguments a, String password, Path caPem, String mode, int count) throws Exception {
        Path script = Files.createTempFile("smtplib_bench", ".py");
        try (InputStream in = SendingBenchmark.class.getResourceAsStream("/bench/smtplib_bench.py")) {
            Files.write(script, in == null ? new byte[0] : in.readAllBytes());
        }
        ProcessBuilder pb = new ProcessBuilder(
                "python3",
                script.toString(),
                host,
                String.valueOf(port),
                a.security == Security.IMPLICIT_TLS ? "tls" : "starttls",
                a.user,
                a.to,
                caPem.toString(),
                String.valueOf(count),
                mode);
        pb.environment().put("MAILBRIDGE_BENCH_PASSWORD", password);
        pb.redirectErrorStream(true);
        Process process;
        try {
            process = pb.start();
        } catch (java.io.IOException noPython) {
            return -1;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("smtplib baseline failed: " + output);
        }
        String[] lines = output.split("\n");
        return Double.parseDouble(lines[lines.length - 1].strip());
    }

    /** The trust anchors as a PEM file, for Python's ssl module. */
    private static Path pem(KeyStore anchors) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String alias : Collections.list(anchors.aliases())) {
            Certificate certificate = anchors.getCertificate(alias);
            if (certificate != null) {
                text.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
        }
        Path file = Files.createTempFile("mailbridge-bench-ca", ".pem");
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file;
    }

    private static final class Arguments {
        @Nullable
        String host;

        int port = 465;
        Security security = Security.IMPLICIT_TLS;
        String user = "bench@mailbridge.test";

        @Nullable
        String toArgument;

        String to = "bench@mailbridge.test";

        @Nullable
        String trust;

        int messages = 500;
        int each = -1;
        int rounds = 3;

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--host" -> a.host = value;
                    case "--port" -> a.port = Integer.parseInt(value);
                    case "--security" -> a.security = Security.valueOf(value);
                    case "--user" -> a.user = value;
                    case "--to" -> a.toArgument = value;
                    case "--trust" -> a.trust = value;
                    case "--messages" -> a.messages = Integer.parseInt(value);
                    case "--each" -> a.each = Integer.parseInt(value);
                    case "--rounds" -> a.rounds = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            a.to = a.toArgument != null ? a.toArgument : a.user;
            if (a.each < 0) {
                a.each = Math.min(a.messages, 100);
            }
            return a;
        }
    }
}
