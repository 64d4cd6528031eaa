package dev.mailbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.testing.TcpProxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Retrieval, whose connections Jakarta Mail makes with Mailbridge's socket factory, fails closed: a
 * certificate for another name, a chain from an unrelated trust anchor and a handshake cut by the network all end the
 * connection with the TLS problem, and no second connection is tried without our checks. Each of these succeeded or
 * reconnected before the fix (Jakarta's socket-factory fallback, and its identity setting overriding ours).
 */
class TlsFailsClosedTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = GreenMailServers.extension();

    private final List<String> handled = new ArrayList<>();

    @BeforeEach
    void user() throws Exception {
        var user = greenMail.setUser(GreenMailServers.ADDRESS, GreenMailServers.ADDRESS, GreenMailServers.PASSWORD);
        GreenMailServers.deliver(greenMail, user, "secret mail");
    }

    private int tlsPort(Protocol protocol) {
        return protocol == Protocol.IMAP
                ? greenMail.getImaps().getPort()
                : greenMail.getPop3s().getPort();
    }

    private MailbridgeException retrieveFrom(MailboxClient client, Protocol protocol, String host, int port) {
        MailboxAccount account = GreenMailServers.account(greenMail)
                .incoming(protocol, host, port, Security.IMPLICIT_TLS)
                .build();
        return org.junit.jupiter.api.Assertions.assertThrows(
                MailbridgeException.class,
                () -> client.retrieve(account, Retrieval.newBuilder().build(), m -> handled.add(m.subject())));
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"IMAP", "POP3"})
    void retrievalRefusesACertificateIssuedForAnotherName(Protocol protocol) throws Exception {
        try (TcpProxy proxy = TcpProxy.to(tlsPort(protocol))) {
            MailboxClient client = GreenMailServers.client(greenMail);

            MailbridgeException failure = retrieveFrom(client, protocol, "other.mailbridge.test", proxy.port());

            assertThat(failure).isInstanceOf(TlsException.class);
            assertThat(failure.code()).isEqualTo(ProblemCode.CERTIFICATE_NAME_MISMATCH);
            assertThat(failure.getMessage()).contains("other.mailbridge.test");
            assertThat(handled)
                    .as("no message may be read from an unverified server")
                    .isEmpty();
            assertThat(proxy.connections())
                    .as("no second connection without the checks")
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"IMAP", "POP3"})
    void retrievalRefusesAChainFromAnUnrelatedTrustAnchor(Protocol protocol) throws Exception {
        try (TcpProxy proxy = TcpProxy.to(tlsPort(protocol))) {
            // The JVM's public CAs: unrelated to the test CA that issued GreenMail's certificate.
            MailboxClient client = GreenMailServers.client(greenMail).toBuilder()
                    .tlsTrust(TlsTrust.system())
                    .build();

            MailbridgeException failure = retrieveFrom(client, protocol, "mail.mailbridge.test", proxy.port());

            assertThat(failure).isInstanceOf(TlsException.class);
            assertThat(failure.code()).isEqualTo(ProblemCode.CERTIFICATE_UNTRUSTED);
            assertThat(handled).isEmpty();
            assertThat(proxy.connections()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"IMAP", "POP3"})
    void aHandshakeCutByTheNetworkIsARetryableLossWithoutASecondConnection(Protocol protocol) throws Exception {
        try (TcpProxy proxy = TcpProxy.to(tlsPort(protocol)).cutAfterClientBytes(10)) {
            MailboxClient client = GreenMailServers.client(greenMail);

            MailbridgeException failure = retrieveFrom(client, protocol, "mail.mailbridge.test", proxy.port());

            assertThat(failure.code()).as(failure.getMessage()).isEqualTo(ProblemCode.CONNECTION_LOST);
            assertThat(failure.isRetryable()).isTrue();
            assertThat(failure.phase()).isEqualTo(Phase.TLS_HANDSHAKE);
            assertThat(proxy.connections()).isEqualTo(1);
        }
    }
}
