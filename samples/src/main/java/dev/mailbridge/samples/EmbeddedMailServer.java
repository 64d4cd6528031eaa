package dev.mailbridge.samples;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailbridge.TlsTrust;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A real IMAP, POP3 and SMTP server (GreenMail) on 127.0.0.1, each over implicit TLS with a certificate for localhost
 * issued by a demo CA, so the demo needs nothing outside this process. Not for production: the CA's key is public.
 */
final class EmbeddedMailServer implements AutoCloseable {
    private static final String STORE_PASSWORD = "changeit";

    private final GreenMail greenMail;

    private EmbeddedMailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static EmbeddedMailServer start() {
        // GreenMail reads its TLS key only from these system properties; the key names localhost and 127.0.0.1.
        System.setProperty(
                "greenmail.tls.keystore.file", extract("demo-tls/server.p12").toString());
        System.setProperty("greenmail.tls.keystore.password", STORE_PASSWORD);
        GreenMail greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3S),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)
        }));
        greenMail.start();
        return new EmbeddedMailServer(greenMail);
    }

    void addUser(String address, String password) {
        greenMail.setUser(address, address, password);
    }

    /** Puts {@code count} varied messages (2 to 6 KiB, some replies, some non-ASCII) into the user's inbox. */
    void seed(String address, int count) {
        try {
            var user = greenMail.getUserManager().getUser(address);
            var inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
            jakarta.mail.Session session = jakarta.mail.Session.getInstance(new java.util.Properties());
            for (int i = 1; i <= count; i++) {
                jakarta.mail.internet.MimeMessage message = new jakarta.mail.internet.MimeMessage(session);
                message.setFrom(new jakarta.mail.internet.InternetAddress(
                        "customer" + (i % 97) + "@acme.test", i % 3 == 0 ? "Jürgen Müller" : "Customer " + i, "UTF-8"));
                message.setRecipients(jakarta.mail.Message.RecipientType.TO, address);
                message.setSubject((i % 4 == 0 ? "Re: " : "") + "Order " + i + (i % 5 == 0 ? " – café" : ""), "UTF-8");
                message.setHeader("Message-ID", "<seed-" + i + "@acme.test>");
                if (i % 4 == 0) {
                    message.setHeader("In-Reply-To", "<seed-" + (i - 1) + "@acme.test>");
                }
                message.setText("Hello,\n" + "line of the message body. ".repeat(80 + (i % 160)) + "\n", "UTF-8");
                message.setSentDate(new java.util.Date());
                message.saveChanges();
                inbox.appendMessage(message, new jakarta.mail.Flags(), new java.util.Date());
            }
        } catch (jakarta.mail.MessagingException
                | java.io.UnsupportedEncodingException
                | com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException("cannot seed the embedded server: " + e.getMessage(), e);
        }
    }

    int imapsPort() {
        return greenMail.getImaps().getPort();
    }

    int pop3sPort() {
        return greenMail.getPop3s().getPort();
    }

    int smtpsPort() {
        return greenMail.getSmtps().getPort();
    }

    /** The demo CA as a PKCS#12 trust store file (password {@code changeit}), for clients outside Mailbridge. */
    static Path trustStoreFile() {
        return extract("demo-tls/truststore.p12");
    }

    /** Trusts the demo CA that issued the server's certificate. */
    static TlsTrust trust() {
        try (InputStream in = resource("demo-tls/truststore.p12")) {
            return TlsTrust.fromPkcs12(in, STORE_PASSWORD.toCharArray(), "demo CA");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path extract(String name) {
        try (InputStream in = resource(name)) {
            Path file = Files.createTempFile("mailbridge-demo-", ".p12");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = EmbeddedMailServer.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + name);
        }
        return in;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
