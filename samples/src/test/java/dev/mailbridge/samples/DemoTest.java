package dev.mailbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The README demo prints real reports: a passing check with a delivered round trip, the import, a threaded reply copied
 * to Sent, then a diagnosed failure.
 */
class DemoTest {
    @Test
    void demoPrintsAPassingReportThenADiagnosis() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);

        String[] parts = output.split("== [234]\\.");
        assertThat(parts).hasSize(4);
        assertThat(parts[0])
                .contains("Candidate[AUTOCONFIG HIGH from https://autoconfig.mailbridge.test/mail/config-v1.1.xml")
                .contains("Result: OK")
                .contains("Round trip: delivered");
        assertThat(parts[1])
                .contains("INBOX: 2 handled, 2 archived, 0 failed; created folder Archive")
                .contains("now in Archive: Where is order 42?")
                .contains("now in Archive: Mailbridge connection check ")
                .contains("a second run of INBOX finds 0 new messages; Archive holds 2");
        assertThat(parts[2])
                .contains("SENT ")
                .contains("Sent copy: appended to ")
                .contains("Chris's inbox: \"Re: Where is order 42?\" from [Dana at Mailbridge <dana@mailbridge.test>],"
                        + " in reply to the question")
                .containsPattern("Dana's \\S+: \"Re: Where is order 42\\?\" ");
        assertThat(parts[3])
                .contains("Result: PROBLEMS FOUND")
                .contains("Problem: AUTHENTICATION_REJECTED")
                .doesNotContain("correct-horse-42");
    }
}
