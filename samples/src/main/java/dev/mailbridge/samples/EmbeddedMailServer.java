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

    int imapsPort() {
        return greenMail.getImaps().getPort();
    }

    int pop3sPort() {
        return greenMail.getPop3s().getPort();
    }

    int smtpsPort() {
        return greenMail.getSmtps().getPort();
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
