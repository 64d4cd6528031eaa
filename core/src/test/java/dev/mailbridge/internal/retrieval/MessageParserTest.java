package dev.mailbridge.internal.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.testing.Mail;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageParserTest {
    private final MessageParser parser = new MessageParser(1000);

    private RetrievedMessage parse(byte[] raw) throws MessageParser.Unparseable {
        return parser.parse(RetrievedMessage.newBuilder("INBOX", "7", raw), raw);
    }

    @Test
    void aMessageWithoutAnyHeaderIsRefused() {
        byte[] raw = "\r\n\r\njust a body, no headers at all\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> parse(raw))
                .isInstanceOf(MessageParser.Unparseable.class)
                .hasMessageStartingWith("no header could be read");
    }

    @Test
    void snapshotsAreDetachedAndHeadersReadable() throws Exception {
        byte[] raw = Mail.corpusBytes("latin1.eml");

        RetrievedMessage message = parse(raw);
        raw[0] = 'X'; // the caller's array is not shared

        assertThat(message.rawSource()[0]).isEqualTo((byte) 'S');
        assertThat(message.header("message-id")).contains("<latin1@acme.test>");
        assertThat(message.messageId()).contains("latin1@acme.test");
        assertThat(message.malformed()).isFalse();
        byte[] whole = Mail.corpusBytes("latin1.eml");
        String text = new String(whole, java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] headerOnly = text.replace("\r\n", "\n")
                .substring(0, text.replace("\r\n", "\n").indexOf("\n\n") + 1)
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(MessageFingerprint.of(whole))
                .as("a whole message and its header alone, as a scan of a renumbered folder fetches it")
                .isEqualTo(MessageFingerprint.of(headerOnly))
                .isNotZero();
    }

    @Test
    void base64CutInTheMiddleOfAGroupIsDecodedAsFarAsItGoesWithANote() throws Exception {
        // "Hello, world" is 16 characters in base64; 14 and 15 of them leave a last group of two and three.
        for (String cut : new String[] {"SGVsbG8sIHdvcm", "SGVsbG8sIHdvcmx"}) {
            RetrievedMessage message = parse(attachment(cut));

            assertThat(message.attachments().get(0).bytes().orElseThrow())
                    .asString()
                    .startsWith("Hello, wor");
            assertThat(message.parseProblems()).anyMatch(p -> p.contains("ends in the middle of a group"));
        }
        RetrievedMessage whole = parse(attachment("SGVsbG8sIHdvcmxkIQ=="));
        assertThat(whole.attachments().get(0).bytes().orElseThrow()).asString().isEqualTo("Hello, world!");
        assertThat(whole.parseProblems()).isEmpty();
        RetrievedMessage unpaddedWhole = parse(attachment("SGVsbG8sIHdvcmxk"));
        assertThat(unpaddedWhole.attachments().get(0).bytes().orElseThrow())
                .asString()
                .isEqualTo("Hello, world");
        assertThat(unpaddedWhole.parseProblems()).isEmpty();
    }

    private static byte[] attachment(String base64) {
        return ("From: a@example.com\r\nSubject: cut\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                        + "see attached\r\n--b\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Disposition: attachment; filename=\"a.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + base64 + "\r\n--b--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
