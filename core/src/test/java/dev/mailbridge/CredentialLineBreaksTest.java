package dev.mailbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.check.ProblemCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CR, LF and NUL never reach a dialogue inside a credential or username: a password ending in {@code "\r\nDELE 1"}
 * once made a read-only POP3 check delete a message, and a password read from a file with its newline was diagnosed
 * as "POP access disabled". They are refused where they enter, with the likely cause in the message.
 */
class CredentialLineBreaksTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = GreenMailServers.extension();

    @Test
    void aPasswordReadFromAFileWithItsNewlineIsRefusedWithTheLikelyCause() {
        assertThatThrownBy(() -> Credentials.password("Correct-Horse-42\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password ends with a line break: was it read from a file? Remove the trailing newline");
        assertThatThrownBy(() -> Credentials.password("Correct-Horse-42\r\n"))
                .hasMessageContaining("was it read from a file?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"secret\r\nDELE 1", "secret\nA1 DELETE INBOX", "secret\rRSET", "sec\0ret"})
    void aPasswordWithAnEmbeddedCommandOrNulIsRefusedWithoutEchoingIt(String password) {
        assertThatThrownBy(() -> Credentials.password(password))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("password contains")
                .hasMessageNotContaining("DELE")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> Credentials.appPassword("abcd efgh\r\nijkl mnop"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("appPassword contains a line break");
    }

    @Test
    void anAppPasswordKeepsForgivingSpacesAndASurroundingNewline() {
        assertThat(Credentials.appPassword("abcd efgh ijkl mnop\n").kind()).isEqualTo(Credentials.Kind.APP_PASSWORD);
        assertThat(Credentials.appPassword(" abcd efgh ijkl mnop ")
                        .secretForNewConnection()
                        .reveal())
                .isEqualTo("abcdefghijklmnop");
    }

    @Test
    void aUsernameWithALineBreakIsRefusedByTheAccountBuilder() {
        assertThatThrownBy(() -> GreenMailServers.account(greenMail)
                        .incomingUsername("dana@mailbridge.test\r\nDELE 1")
                        .build())
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("incomingUsername contains a line break");
        assertThatThrownBy(() -> GreenMailServers.account(greenMail)
                        .outgoingUsername("dana@mailbridge.test\n")
                        .build())
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("outgoingUsername ends with a line break");
    }

    @Test
    void aTokenWithALineBreakFailsTheConnectionAsAnUnusableToken() throws Exception {
        var user = greenMail.setUser(GreenMailServers.ADDRESS, GreenMailServers.ADDRESS, GreenMailServers.PASSWORD);
        GreenMailServers.deliver(greenMail, user, "keep me");
        MailboxAccount account = GreenMailServers.account(greenMail)
                .pop3("mail.mailbridge.test", greenMail.getPop3s().getPort(), Security.IMPLICIT_TLS)
                .credentials(Credentials.oauth2(() -> "ya29.token\r\nDELE 1"))
                .build();

        CheckReport report = GreenMailServers.client(greenMail).check(account);

        assertThat(report.incoming().problem().code()).isEqualTo(ProblemCode.TOKEN_UNAVAILABLE);
        assertThat(report.incoming().problem().message()).contains("access token contains a line break");
        assertThat(report.toText()).doesNotContain("ya29");
        assertThat(greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount())
                .as("the mailbox is unchanged")
                .isEqualTo(1);
    }
}
