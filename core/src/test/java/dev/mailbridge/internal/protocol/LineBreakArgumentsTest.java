package dev.mailbridge.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailbridge.Protocol;
import dev.mailbridge.Secret;
import dev.mailbridge.internal.net.WireConnection;
import dev.mailbridge.testing.Mail;
import jakarta.mail.Flags;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The second line of defence: should a secret with a line break get past the credential checks, no dialogue writes it
 * into a command, and the mailbox on the (real, GreenMail) server is unchanged.
 */
class LineBreakArgumentsTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(
                    new ServerSetup[] {ServerSetupTest.IMAP, ServerSetupTest.POP3, ServerSetupTest.SMTP}))
            .withPerMethodLifecycle(false);

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor();
    private GreenMailUser user;

    @AfterAll
    static void stop() {
        WATCHDOG.shutdownNow();
    }

    @BeforeEach
    void oneMessage() throws Exception {
        user = greenMail.setUser("dana@mailbridge.test", "dana@mailbridge.test", "pw");
        var inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
        inbox.deleteAllMessages();
        inbox.appendMessage(Mail.simple("keep me", "body"), new Flags(), new Date());
    }

    private int port(Protocol protocol) {
        return switch (protocol) {
            case IMAP -> greenMail.getImap().getPort();
            case POP3 -> greenMail.getPop3().getPort();
            case SMTP -> greenMail.getSmtp().getPort();
        };
    }

    private static MailDialogue dialogue(Protocol protocol) {
        return switch (protocol) {
            case IMAP -> new ImapDialogue();
            case POP3 -> new Pop3Dialogue();
            case SMTP -> new SmtpDialogue("[127.0.0.1]");
        };
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void noDialogueLogsInWithASecretThatHoldsACommand(Protocol protocol) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(protocol));
                WireConnection wire = new WireConnection(socket, WATCHDOG, Duration.ofSeconds(2))) {
            socket.setSoTimeout(2000);
            MailDialogue dialogue = dialogue(protocol);
            dialogue.readGreeting(wire);
            Set<String> capabilities = dialogue.capabilities(wire);

            assertThatThrownBy(() -> dialogue.authenticate(
                            wire, capabilities, "dana@mailbridge.test", Secret.of("pw\r\nDELE 1"), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("refused to log in: the secret holds a line break")
                    .hasMessageNotContaining("DELE");
            dialogue.quit(wire);
        }
        assertThat(greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount())
                .isEqualTo(1);
    }

    @Test
    void theWireRefusesAnyCommandLineWithABreakInside() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(Protocol.POP3));
                WireConnection wire = new WireConnection(socket, WATCHDOG, Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> wire.writeLine("PASS pw\r\nDELE 1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("pw");
            assertThatThrownBy(() -> wire.writeLine("USER dana\0"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NUL");
        }
    }
}
