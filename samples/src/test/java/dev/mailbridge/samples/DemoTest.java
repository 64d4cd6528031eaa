package dev.mailbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README demo prints a real report: a passing check with a delivered round trip, then a diagnosed failure. */
class DemoTest {
    @Test
    void demoPrintsAPassingReportThenADiagnosis() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);

        String[] parts = output.split("== [23]\\.");
        assertThat(parts).hasSize(3);
        assertThat(parts[0]).contains("Result: OK").contains("Round trip: delivered");
        assertThat(parts[1])
                .contains("INBOX: 1 handled, 1 archived, 0 failed; created folder Archive")
                .contains("now in Archive: Mailbridge connection check ")
                .contains("a second run of INBOX finds 0 new messages; Archive holds 1");
        assertThat(parts[2])
                .contains("Result: PROBLEMS FOUND")
                .contains("Problem: AUTHENTICATION_REJECTED")
                .doesNotContain("correct-horse-42");
    }
}
