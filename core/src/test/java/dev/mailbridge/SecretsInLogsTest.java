package dev.mailbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.mailbridge.check.CheckOptions;
import dev.mailbridge.check.CheckReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With Mailbridge logging at DEBUG and Jakarta's wire trace at TRACE (see simplelogger.properties), neither a right nor
 * a wrong password appears in any log line, report or exception.
 */
class SecretsInLogsTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = GreenMailServers.extension();

    @Test
    void noSecretInLogsReportsOrExceptions() throws Exception {
        greenMail.setUser(GreenMailServers.ADDRESS, GreenMailServers.ADDRESS, GreenMailServers.PASSWORD);
        MailboxClient client = GreenMailServers.client(greenMail);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        StringBuilder everything = new StringBuilder();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CheckReport good = client.check(
                    GreenMailServers.account(greenMail).build(),
                    CheckOptions.newBuilder().roundTrip(Duration.ofSeconds(20)).build());
            CheckReport bad = client.check(GreenMailServers.account(greenMail)
                    .credentials(Credentials.password("Wrong-Secret-99"))
                    .build());
            assertThat(good.ok()).as(good.toText()).isTrue();
            assertThat(bad.ok()).isFalse();
            everything
                    .append(good.toText())
                    .append(good.toJson())
                    .append(bad.toText())
                    .append(bad.toJson());
            try {
                bad.throwIfFailed();
            } catch (MailbridgeException e) {
                everything.append(e.getMessage());
            }
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        everything.append(logs);

        assertThat(logs).as("the wire trace ran").contains("AUTH").contains("DEBUG");
        assertThat(everything.toString())
                .doesNotContain(GreenMailServers.PASSWORD)
                .doesNotContain("Wrong-Secret-99")
                .doesNotContain(java.util.Base64.getEncoder()
                        .encodeToString(("\0" + GreenMailServers.ADDRESS + "\0" + GreenMailServers.PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)));
    }
}
