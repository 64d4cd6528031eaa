package dev.mailbridge;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailbridge.testing.FakeDns;
import dev.mailbridge.testing.OpenConnections;
import dev.mailbridge.testing.TestTls;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.Assertions;

/** One GreenMail with IMAP, POP3 and SMTP, each over implicit TLS and in plaintext, plus a client that trusts it. */
final class GreenMailServers {
    static final String ADDRESS = "dana@mailbridge.test";
    static final String PASSWORD = "Correct-Horse-42";

    private GreenMailServers() {}

    static GreenMailExtension extension() {
        return new GreenMailExtension(ServerSetup.dynamicPort(new ServerSetup[] {
                    ServerSetupTest.IMAPS,
                    ServerSetupTest.POP3S,
                    ServerSetupTest.SMTPS,
                    ServerSetupTest.IMAP,
                    ServerSetupTest.POP3,
                    ServerSetupTest.SMTP
                }))
                .withPerMethodLifecycle(false);
    }

    /** A client trusting the test CA, resolving the test names to loopback, probing GreenMail's ports as standard. */
    static MailboxClient client(GreenMailExtension greenMail) {
        return MailboxClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2))
                .writeTimeout(Duration.ofSeconds(2))
                .tlsTrust(TestTls.trust())
                .dns(FakeDns.loopback("localhost", "mail.mailbridge.test", "other.mailbridge.test"))
                .alternativePorts(protocol -> switch (protocol) {
                    case IMAP ->
                        List.of(
                                new Protocol.PortSecurity(greenMail.getImaps().getPort(), Security.IMPLICIT_TLS),
                                new Protocol.PortSecurity(greenMail.getImap().getPort(), Security.STARTTLS));
                    case POP3 ->
                        List.of(
                                new Protocol.PortSecurity(greenMail.getPop3s().getPort(), Security.IMPLICIT_TLS),
                                new Protocol.PortSecurity(greenMail.getPop3().getPort(), Security.STARTTLS));
                    case SMTP ->
                        List.of(
                                new Protocol.PortSecurity(greenMail.getSmtps().getPort(), Security.IMPLICIT_TLS),
                                new Protocol.PortSecurity(greenMail.getSmtp().getPort(), Security.STARTTLS));
                })
                .build();
    }

    /** IMAPS + SMTPS on mail.mailbridge.test with the right password. */
    static MailboxAccount.Builder account(GreenMailExtension greenMail) {
        return MailboxAccount.newBuilder()
                .address(ADDRESS)
                .displayName("Dana")
                .imap("mail.mailbridge.test", greenMail.getImaps().getPort(), Security.IMPLICIT_TLS)
                .smtp("mail.mailbridge.test", greenMail.getSmtps().getPort(), Security.IMPLICIT_TLS)
                .credentials(Credentials.password(PASSWORD));
    }

    /** Appends one simple message per subject to the user's inbox, received now. */
    static void deliver(
            GreenMailExtension greenMail, com.icegreen.greenmail.user.GreenMailUser user, String... subjects)
            throws Exception {
        var inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
        for (String subject : subjects) {
            inbox.appendMessage(
                    dev.mailbridge.testing.Mail.simple(subject, "Body of " + subject),
                    new jakarta.mail.Flags(),
                    new java.util.Date());
        }
    }

    static void assertNoOpenConnections(GreenMailExtension greenMail, int... extraPorts) {
        List<Integer> ports = new java.util.ArrayList<>(List.of(
                greenMail.getImaps().getPort(),
                greenMail.getPop3s().getPort(),
                greenMail.getSmtps().getPort(),
                greenMail.getImap().getPort(),
                greenMail.getPop3().getPort(),
                greenMail.getSmtp().getPort()));
        for (int port : extraPorts) {
            ports.add(port);
        }
        Assertions.assertThat(OpenConnections.establishedTo(ports))
                .as("client connections left open")
                .isZero();
    }
}
