package dev.mailbridge.internal.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailbridge.Endpoint;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.internal.net.CertificateVerdict;
import dev.mailbridge.internal.net.NetSettings;
import dev.mailbridge.internal.net.TlsSockets;
import dev.mailbridge.testing.FakeDns;
import dev.mailbridge.testing.TcpProxy;
import dev.mailbridge.testing.TestTls;
import jakarta.mail.MessagingException;
import jakarta.mail.Service;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Jakarta sessions Mailbridge makes: every property we set is one the pinned Angus Mail reads (a property it does
 * not read is a setting that silently does nothing, as {@code ssl.socketFactory.fallback} was), and a connection to a
 * name the certificate does not carry fails at the handshake, once, for every protocol.
 */
class JakartaSessionsTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(new ServerSetup[] {
                ServerSetupTest.IMAPS, ServerSetupTest.POP3S, ServerSetupTest.SMTPS, ServerSetupTest.IMAP
            }))
            .withPerMethodLifecycle(false);

    /** Properties that remember which keys were asked for, by either of the two ways Angus reads them. */
    static final class RecordingProperties extends Properties {
        private static final long serialVersionUID = 1L;
        final Set<String> read = ConcurrentHashMap.newKeySet();

        @Override
        public @Nullable String getProperty(String key) {
            read.add(key);
            return super.getProperty(key);
        }

        @Override
        public @Nullable String getProperty(String key, String defaultValue) {
            read.add(key);
            return super.getProperty(key, defaultValue);
        }

        @Override
        public synchronized @Nullable Object get(Object key) {
            read.add(String.valueOf(key));
            return super.get(key);
        }
    }

    private static NetSettings net(@Nullable KeyStore anchors) {
        return new NetSettings(
                FakeDns.loopback("localhost", "mail.mailbridge.test", "other.mailbridge.test"),
                TlsSockets.create(anchors),
                Duration.ofSeconds(3),
                Duration.ofSeconds(3),
                Duration.ofSeconds(3),
                Executors.newSingleThreadScheduledExecutor());
    }

    private static NetSettings testNet() {
        return net(TestTls.anchors());
    }

    private int port(Protocol protocol, Security security) {
        return switch (protocol) {
            case IMAP ->
                security == Security.IMPLICIT_TLS
                        ? greenMail.getImaps().getPort()
                        : greenMail.getImap().getPort();
            case POP3 -> greenMail.getPop3s().getPort();
            case SMTP -> greenMail.getSmtps().getPort();
        };
    }

    private static Service service(MailSession mail, Protocol protocol, Security security) throws Exception {
        String name = JakartaSessions.providerName(protocol, security);
        return protocol == Protocol.SMTP
                ? mail.session().getTransport(name)
                : mail.session().getStore(name);
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"IMAP, IMPLICIT_TLS", "POP3, IMPLICIT_TLS", "SMTP, IMPLICIT_TLS"})
    void everyPropertyWeSetIsOneAngusMailReads(Protocol protocol, Security security) throws Exception {
        greenMail.setUser("dana@mailbridge.test", "dana@mailbridge.test", "pw");
        RecordingProperties properties = new RecordingProperties();
        JakartaSessions sessions = new JakartaSessions(testNet(), () -> properties);
        MailSession mail = sessions.session(
                protocol, new Endpoint("mail.mailbridge.test", port(protocol, security), security), false);

        try (Service service = service(mail, protocol, security)) {
            service.connect("dana@mailbridge.test", "pw");
        }

        assertThat(properties.read)
                .as("every key set on the session is read by Angus Mail")
                .containsAll(properties.stringPropertyNames());
        assertThat(mail.verdict().outcome()).isEqualTo(CertificateVerdict.Outcome.VALID);
    }

    @Test
    void aPlaintextSessionSetsOnlyPropertiesAngusMailReads() throws Exception {
        greenMail.setUser("dana@mailbridge.test", "dana@mailbridge.test", "pw");
        RecordingProperties properties = new RecordingProperties();
        JakartaSessions sessions = new JakartaSessions(testNet(), () -> properties);
        MailSession mail = sessions.session(
                Protocol.IMAP,
                new Endpoint("mail.mailbridge.test", port(Protocol.IMAP, Security.NONE), Security.NONE),
                false);

        try (Service service = service(mail, Protocol.IMAP, Security.NONE)) {
            service.connect("dana@mailbridge.test", "pw");
        }

        // The TLS settings are read only where TLS happens; everything else must be read on this path too.
        Set<String> tlsOnly =
                Set.of("mail.imap.ssl.socketFactory", "mail.imap.ssl.protocols", "mail.imap.ssl.checkserveridentity");
        assertThat(properties.read)
                .containsAll(properties.stringPropertyNames().stream()
                        .filter(key -> !tlsOnly.contains(key))
                        .toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"IMAP", "POP3", "SMTP"})
    void aCertificateForAnotherNameFailsTheOnlyConnection(Protocol protocol) throws Exception {
        try (TcpProxy proxy = TcpProxy.to(port(protocol, Security.IMPLICIT_TLS))) {
            MailSession mail = new JakartaSessions(testNet())
                    .session(
                            protocol,
                            new Endpoint("other.mailbridge.test", proxy.port(), Security.IMPLICIT_TLS),
                            false);

            assertThatThrownBy(() -> {
                        try (Service service = service(mail, protocol, Security.IMPLICIT_TLS)) {
                            service.connect("dana@mailbridge.test", "pw");
                        }
                    })
                    .isInstanceOf(MessagingException.class);
            assertThat(mail.verdict().outcome()).isEqualTo(CertificateVerdict.Outcome.NAME_MISMATCH);
            assertThat(proxy.connections())
                    .as("Jakarta must not fall back to a factory without checks")
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"IMAP", "POP3", "SMTP"})
    void anUnrelatedTrustAnchorFailsTheOnlyConnection(Protocol protocol) throws Exception {
        try (TcpProxy proxy = TcpProxy.to(port(protocol, Security.IMPLICIT_TLS))) {
            MailSession mail = new JakartaSessions(net(null)) // the JVM's public CAs, not the test CA
                    .session(
                            protocol, new Endpoint("mail.mailbridge.test", proxy.port(), Security.IMPLICIT_TLS), false);

            assertThatThrownBy(() -> {
                        try (Service service = service(mail, protocol, Security.IMPLICIT_TLS)) {
                            service.connect("dana@mailbridge.test", "pw");
                        }
                    })
                    .isInstanceOf(MessagingException.class);
            assertThat(mail.verdict().outcome()).isEqualTo(CertificateVerdict.Outcome.UNTRUSTED);
            assertThat(proxy.connections()).isEqualTo(1);
        }
    }
}
