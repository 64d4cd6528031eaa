package dev.mailbridge.internal.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.retrieval.Attachment;
import dev.mailbridge.retrieval.MailAddress;
import dev.mailbridge.retrieval.RetrievedMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One hand-written message per class of real-world mail the parser once lost part of, with the exact outcome. */
class ParsingFixturesTest {
    private static RetrievedMessage parse(byte[] raw, long textLimit) throws Exception {
        return new MessageParser(1_000_000, textLimit).parse(RetrievedMessage.newBuilder("INBOX", "1", raw), raw);
    }

    private static RetrievedMessage parse(String raw) throws Exception {
        return parse(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), 4 * 1024 * 1024);
    }

    private static byte[] latin1(String raw) {
        return raw.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    // 1. Raw UTF-8 headers (RFC 6532), and the Windows-1252 fallback.

    @Test
    void rawUtf8HeadersAreReadAsUtf8() throws Exception {
        RetrievedMessage m = parse("From: Jürgen Groß <juergen@kunde.example>\nSubject: Rückerstattung für Bestellung"
                + "\nTo: support@acme.example\n\nHallo\n");

        assertThat(m.subject()).isEqualTo("Rückerstattung für Bestellung");
        assertThat(m.from()).containsExactly(new MailAddress("juergen@kunde.example", "Jürgen Groß"));
    }

    @Test
    void headersThatAreNotUtf8AreReadAsWindows1252() throws Exception {
        RetrievedMessage m =
                parse(latin1("From: chris@kunde.example\nSubject: R\u00fcckerstattung \u0080 5\n\nx\n"), 4096);

        assertThat(m.subject()).isEqualTo("Rückerstattung € 5");
    }

    // 2. Unknown or misspelled Content-Transfer-Encoding.

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "7-bit|Hello there|Hello there",
                "plain|Hello there|Hello there",
                "quoted printable|Gr=C3=BC=C3=9Fe|Grüße",
                "Quoted_Printable|Gr=C3=BC=C3=9Fe|Grüße",
                "base-64|SGVsbG8gdGhlcmU=|Hello there",
            })
    void misspelledTransferEncodingsDecodeAsMeant(String encoding, String body, String expected) throws Exception {
        RetrievedMessage m = parse("From: a@x.example\nSubject: s\nContent-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: " + encoding + "\n\n" + body + "\n");

        assertThat(m.textBody().orElseThrow().strip()).isEqualTo(expected);
        assertThat(m.parseProblems()).isEmpty();
    }

    @Test
    void anUnknownTransferEncodingKeepsTheRawBytesAndSaysSo() throws Exception {
        RetrievedMessage m = parse("From: a@x.example\nSubject: s\nContent-Type: text/plain\n"
                + "Content-Transfer-Encoding: x-gzip64\n\nH4sIAAAAAAAA\n");

        assertThat(m.textBody().orElseThrow().strip()).isEqualTo("H4sIAAAAAAAA");
        assertThat(m.parseProblems()).anyMatch(p -> p.contains("unknown Content-Transfer-Encoding 'x-gzip64'"));
    }

    // 3. One bad part never takes the rest with it.

    @Test
    void aTruncatedPartIsDecodedAsFarAsItGoesAndLaterPartsStillArrive() throws Exception {
        RetrievedMessage m = parse("From: a@x.example\nSubject: s\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
                + "--b1\nContent-Type: text/plain\n\nSee the attachments.\n"
                + "--b1\nContent-Type: application/pdf; name=\"cut.pdf\"\nContent-Transfer-Encoding: base64\n\n"
                + "JVBERi0xLjQKJcfs\nj6IKNSAwIG9iago8PC9MZW\n"
                + "--b1\nContent-Type: image/png; name=\"later.png\"\nContent-Transfer-Encoding: base64\n\n"
                + "iVBORw0KGgo=\n"
                + "--b1--\n");

        assertThat(m.textBody().orElseThrow()).contains("See the attachments.");
        assertThat(m.attachments())
                .extracting(Attachment::fileName)
                .extracting(n -> n.orElse(""))
                .containsExactly("cut.pdf", "later.png");
        assertThat(new String(m.attachments().get(0).bytes().orElseThrow(), StandardCharsets.ISO_8859_1))
                .startsWith("%PDF-1.4");
        assertThat(m.attachments().get(1).bytes().orElseThrow()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(m.parseProblems()).anyMatch(p -> p.startsWith("part 2: base64 content ends in the middle"));
    }

    // 4. Leniency that takes effect without system properties.

    @Test
    void anUnquotedBoundaryHoldingEqualsSignsStillSplitsTheParts() throws Exception {
        RetrievedMessage m = parse("From: a@x.example\nSubject: s\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/alternative; boundary=----=_Part_1_2.3\n\n"
                + "------=_Part_1_2.3\nContent-Type: text/plain\n\nplain body\n"
                + "------=_Part_1_2.3\nContent-Type: text/html\n\n<p>html body</p>\n"
                + "------=_Part_1_2.3--\n");

        assertThat(m.textBody().orElseThrow().strip()).isEqualTo("plain body");
        assertThat(m.htmlBody().orElseThrow().strip()).isEqualTo("<p>html body</p>");
    }

    @Test
    void anUnquotedEncodedWordFileNameKeepsTheName() throws Exception {
        RetrievedMessage m = parse("From: a@x.example\nSubject: s\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
                + "--b1\nContent-Type: text/plain\n\nbody\n"
                + "--b1\nContent-Type: application/pdf\n"
                + "Content-Disposition: attachment; filename==?UTF-8?B?UmVjaG51bmcgTcOkcnoucGRm?=\n\n%PDF\n"
                + "--b1--\n");

        assertThat(m.attachments()).hasSize(1);
        assertThat(m.attachments().get(0).fileName()).contains("Rechnung März.pdf");
    }

    @Test
    void aDoubleSemicolonInAMultipartTypeKeepsTheForwardedMessage() throws Exception {
        RetrievedMessage m = parse("From: a@x.example\nSubject: Fwd: order\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed;; boundary=\"b1\"\n\n"
                + "--b1\nContent-Type: text/plain\n\nSee below.\n"
                + "--b1\nContent-Type: message/rfc822\n\nFrom: chris@customer.example\nSubject: order\n\nWhere?\n"
                + "--b1--\n");

        assertThat(m.textBody().orElseThrow()).contains("See below.");
        assertThat(m.attachments()).extracting(Attachment::contentType).containsExactly("message/rfc822");
    }

    // 5. Addresses.

    @Test
    void addressListsAsRealMailWritesThem() throws Exception {
        RetrievedMessage m = parse("From: pete(his account)@silly.test\n"
                + "To: Friends: anne@x.example, \"Smith, Bob\" <bob@y.example>;, carl@z.example (Carl C.)\n"
                + "Cc: dora@x.example; =?UTF-8?B?SsO8cmdlbg==?= <juergen@y.example>\n"
                + "Reply-To: undisclosed-recipients:;\nSender: not an address\nSubject: s\n\nx\n");

        assertThat(m.from()).containsExactly(new MailAddress("pete@silly.test", null));
        assertThat(m.to())
                .containsExactly(
                        new MailAddress("anne@x.example", null),
                        new MailAddress("bob@y.example", "Smith, Bob"),
                        new MailAddress("carl@z.example", null));
        assertThat(m.cc())
                .containsExactly(
                        new MailAddress("dora@x.example", null), new MailAddress("juergen@y.example", "Jürgen"));
        assertThat(m.replyTo()).isEmpty();
        assertThat(m.sender()).isEmpty();
        assertThat(m.parseProblems()).anyMatch(p -> p.contains("'not an address' is not an address"));
    }

    @Test
    void aTrailingCommentNamesTheSender() throws Exception {
        RetrievedMessage m = parse("From: pete@silly.test (Pete Smith)\nSubject: s\n\nx\n");

        assertThat(m.from()).containsExactly(new MailAddress("pete@silly.test", "Pete Smith"));
    }

    // 6. Smaller cases.

    @Test
    void partsOfADigestAreMessagesByDefault() throws Exception {
        RetrievedMessage m = parse("From: list@x.example\nSubject: digest\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/digest; boundary=\"d\"\n\n"
                + "--d\n\nFrom: a@x.example\nSubject: one\n\nfirst\n"
                + "--d\n\nFrom: b@x.example\nSubject: two\n\nsecond\n"
                + "--d--\n");

        assertThat(m.attachments())
                .extracting(Attachment::contentType)
                .containsExactly("message/rfc822", "message/rfc822");
    }

    @Test
    void utf7SubjectsAndBodiesDecode() throws Exception {
        RetrievedMessage m = parse("From: a@x.example\nSubject: =?UTF-7?Q?Gr+APw-+AN8-e?=\n"
                + "Content-Type: text/plain; charset=utf-7\n\nHi +- Gr+APw-+AN8-e\n");

        assertThat(m.subject()).isEqualTo("Grüße");
        assertThat(m.textBody().orElseThrow().strip()).isEqualTo("Hi + Grüße");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Tue, 1 Dec 2026 59:10:00 +0100|impossible time",
                "Tue, 1 Dec 2026 10:61:00 +0100|impossible time",
                "Tue, 1 Dec 2026 10:10:00 -600|impossible time zone",
                "Tue, 1 Dec 2026 10:10:00 +2500|impossible time zone",
            })
    void anImpossibleDateIsANotedProblemNeverAShift(String date, String problem) throws Exception {
        RetrievedMessage m = parse("From: a@x.example\nSubject: s\nDate: " + date + "\n\nx\n");

        assertThat(m.sentAt()).isEmpty();
        assertThat(m.parseProblems()).anyMatch(p -> p.startsWith(problem));
    }

    @Test
    void aPossibleDateIsReadAsWritten() throws Exception {
        RetrievedMessage m = parse("From: a@x.example\nSubject: s\nDate: Tue, 1 Dec 2026 23:59:60 -0930\n\nx\n");

        assertThat(m.sentAt()).isPresent();
        assertThat(m.parseProblems()).isEmpty();
    }

    @Test
    void aTextBodyOverTheLimitIsCutWithANote() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes("From: a@x.example\r\nSubject: s\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        raw.writeBytes("0123456789".repeat(300).getBytes(StandardCharsets.US_ASCII));

        RetrievedMessage m = parse(raw.toByteArray(), 1024);

        assertThat(m.textBody().orElseThrow()).hasSize(1024);
        assertThat(m.parseProblems()).anyMatch(p -> p.contains("longer than 1024 bytes and was cut"));
        assertThat(m.rawSource()).hasSize(raw.size());
    }

    @Test
    void aBodyWithoutTheBlankLineAfterTheHeadersIsKept() throws Exception {
        RetrievedMessage m = parse("From: a@x.example\nSubject: s\nthis line starts the body\nand this one too\n");

        assertThat(m.subject()).isEqualTo("s");
        assertThat(m.textBody().orElseThrow()).startsWith("this line starts the body");
        assertThat(m.parseProblems()).anyMatch(p -> p.startsWith("no blank line between the headers and the body"));
    }

    @Test
    void anAttachmentOverTheLimitIsDescribedWithItsDecodedSizeAndNoContent() throws Exception {
        byte[] content = new byte[3000];
        new java.util.Random(7).nextBytes(content);
        String raw =
                ("From: a@x.example\nSubject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
                                + "--b\nContent-Type: text/plain\n\nbody\n--b\nContent-Type: application/octet-stream; name=\"big.bin\"\n"
                                + "Content-Transfer-Encoding: base64\n\n"
                                + java.util.Base64.getMimeEncoder().encodeToString(content) + "\n--b--\n")
                        .replace("\n", "\r\n");
        byte[] bytes = raw.getBytes(StandardCharsets.US_ASCII);

        RetrievedMessage m =
                new MessageParser(1000, 4096).parse(RetrievedMessage.newBuilder("INBOX", "1", bytes), bytes);

        Attachment big = m.attachments().get(0);
        assertThat(big.size()).isEqualTo(3000);
        assertThat(big.contentAvailable()).isFalse();
    }
}
