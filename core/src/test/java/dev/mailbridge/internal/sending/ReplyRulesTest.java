package dev.mailbridge.internal.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailbridge.internal.retrieval.MessageParser;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.sending.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small rules of replying and sending, each alone: subjects, references, templates, dot-stuffing, backoff. */
class ReplyRulesTest {
    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "Order 42|Re: Order 42",
                "Re: Order 42|Re: Order 42",
                "RE: Re: re: Order 42|Re: Order 42",
                "AW: Re: Order 42|Re: Order 42",
                "Re[2]: Order 42|Re: Order 42",
                "Re : Order 42|Re: Order 42",
                "SV: Antw: Order 42|Re: Order 42",
                "Fwd: Order 42|Re: Fwd: Order 42",
                "Regarding the order|Re: Regarding the order",
                "'   '|'Re: '",
            })
    void oneRePrefixWhateverTheOriginalHad(String subject, String expected) {
        assertThat(Replies.replySubject(subject)).isEqualTo(expected);
    }

    @Test
    void referencesKeepTheRootAndTheMostRecentWhenTheThreadIsLong() throws Exception {
        String references = IntStream.rangeClosed(1, 30)
                .mapToObj(i -> "<m" + i + "@example.com>")
                .collect(Collectors.joining(" "));
        RetrievedMessage original = parse(
                "From: a@example.com\r\nMessage-ID: <m31@example.com>\r\nReferences: " + references + "\r\n\r\n.");

        var result = Replies.references(original);

        assertThat(result).hasSize(Replies.MAX_REFERENCES);
        assertThat(result.get(0)).isEqualTo("m1@example.com");
        assertThat(result.get(result.size() - 1)).isEqualTo("m31@example.com");
        assertThat(result.get(1)).isEqualTo("m13@example.com");
    }

    @Test
    void withoutReferencesTheParentsInReplyToStartsTheChain() throws Exception {
        RetrievedMessage original =
                parse("From: a@example.com\r\nMessage-ID: <two@x.example>\r\nIn-Reply-To: <one@x.example>\r\n\r\n.");

        assertThat(Replies.references(original)).containsExactly("one@x.example", "two@x.example");
    }

    @Test
    void displayNameTemplatesAreStrict() {
        DisplayNameTemplate template = DisplayNameTemplate.parse("{agent} at {company}");
        assertThat(template.placeholders()).containsExactlyInAnyOrder("agent", "company");
        assertThat(template.fill(Map.of("agent", "Dana", "company", "Acme"))).isEqualTo("Dana at Acme");
        assertThatThrownBy(() -> template.fill(Map.of("agent", "Dana")))
                .hasMessageContaining("needs a value for {company}");
        assertThatThrownBy(() -> DisplayNameTemplate.parse("Dana }")).hasMessageContaining("closes no placeholder");
        assertThatThrownBy(() -> DisplayNameTemplate.parse("{1agent}")).hasMessageContaining("opens no placeholder");
        assertThat(DisplayNameTemplate.parse("Acme Support").fill(Map.of())).isEqualTo("Acme Support");
    }

    @Test
    void dataIsDotStuffedWithCrlfLinesAndTerminated() {
        byte[] encoded = DataEncoder.encode("Subject: x\r\n\r\n.leading dot\nbare LF\rbare CR\r\n..two dots\r\nlast"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(new String(encoded, StandardCharsets.UTF_8))
                .isEqualTo("Subject: x\r\n\r\n..leading dot\r\nbare LF\r\nbare CR\r\n...two dots\r\nlast\r\n.\r\n");
        assertThat(new String(
                        DataEncoder.encode("ends well\r\n".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo("ends well\r\n.\r\n");
    }

    @Test
    void bccIsCutFromTheHeadersWithItsFoldedLinesButNeverFromTheBody() {
        String message =
                "From: a@example.com\r\nBcc: one@example.com,\r\n two@example.com\r\nBCC: three@example.com\r\n"
                        + "Subject: Bcc: in a subject stays\r\n\r\nBcc: in the body stays\r\n";

        String wire =
                new String(BccHeader.remove(message.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);

        assertThat(wire)
                .isEqualTo("From: a@example.com\r\nSubject: Bcc: in a subject stays\r\n\r\nBcc: in the body stays\r\n");
    }

    @Test
    void backoffGrowsAndIsCapped() {
        RetryPolicy policy = RetryPolicy.newBuilder()
                .maxAttempts(5)
                .exponentialBackoff(Duration.ofSeconds(1), 3.0, Duration.ofSeconds(5))
                .build();

        assertThat(policy.delayBefore(1)).isZero();
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> RetryPolicy.newBuilder().maxAttempts(0)).hasMessageContaining("maxAttempts is 0");
        assertThatThrownBy(() -> RetryPolicy.newBuilder().exponentialBackoff(Duration.ofSeconds(5), 2, Duration.ZERO))
                .hasMessageContaining("is not a range");
    }

    private static RetrievedMessage parse(String raw) throws Exception {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        return new MessageParser(1000).parse(RetrievedMessage.newBuilder("INBOX", "1", bytes), bytes);
    }
}
