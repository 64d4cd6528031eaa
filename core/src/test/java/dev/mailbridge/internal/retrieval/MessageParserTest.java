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
}
