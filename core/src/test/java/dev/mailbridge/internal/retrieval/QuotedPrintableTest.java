package dev.mailbridge.internal.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass quoted-printable decoder against Jakarta's encoder, and the RFC 2045 rules it keeps. */
class QuotedPrintableTest {
    @Test
    void decodesWhatJakartaEncodesBackToTheSameBytes() throws Exception {
        Random random = new Random(5);
        for (int round = 0; round < 300; round++) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            for (int i = random.nextInt(3_000); i > 0; i--) {
                // Mostly letters, with line breaks, spaces before them, '=' signs, tabs and 8-bit bytes.
                int pick = random.nextInt(24);
                if (pick == 0) {
                    text.write('\r');
                    text.write('\n');
                    continue;
                }
                int b = switch (pick) {
                    case 1 -> '=';
                    case 2 -> ' ';
                    case 3 -> '\t';
                    case 4 -> 0xC3;
                    case 5 -> random.nextInt(256);
                    default -> 'a' + random.nextInt(26);
                };
                text.write(b == '\r' || b == '\n' ? 'x' : b); // a lone CR or LF is no line break in QP text
            }
            byte[] original = text.toByteArray();
            ByteArrayOutputStream encoded = new ByteArrayOutputStream();
            try (OutputStream out = MimeUtility.encode(encoded, "quoted-printable")) {
                out.write(original);
            }
            List<String> problems = new ArrayList<>();

            byte[] decoded = QuotedPrintable.decode(encoded.toByteArray(), "part", problems);

            int at = java.util.Arrays.mismatch(decoded, original);
            assertThat(at)
                    .as(
                            "round %d: first difference at %d of %d, decoded %s, original %s",
                            round,
                            at,
                            original.length,
                            at < 0
                                    ? ""
                                    : new String(
                                            decoded,
                                            Math.max(0, at - 10),
                                            Math.min(20, decoded.length - Math.max(0, at - 10)),
                                            StandardCharsets.ISO_8859_1),
                            at < 0
                                    ? ""
                                    : new String(
                                            original,
                                            Math.max(0, at - 10),
                                            Math.min(20, original.length - Math.max(0, at - 10)),
                                            StandardCharsets.ISO_8859_1))
                    .isEqualTo(-1);
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void softBreaksTrailingWhiteSpaceAndLowerCaseEscapes() {
        assertThat(decode("caf=c3=a9 and =\r\nmore   \r\nline=  \nend=")).isEqualTo("café and more\r\nlineend");
    }

    @Test
    void anEqualsSignThatStartsNoEscapeIsKeptWithANote() {
        List<String> problems = new ArrayList<>();
        byte[] decoded = QuotedPrintable.decode("1+1=2 and a=ZZ".getBytes(StandardCharsets.US_ASCII), "text", problems);

        assertThat(new String(decoded, StandardCharsets.US_ASCII)).isEqualTo("1+1=2 and a=ZZ");
        assertThat(problems).singleElement().asString().startsWith("text: quoted-printable content has '='");
    }

    private static String decode(String encoded) {
        return new String(
                QuotedPrintable.decode(encoded.getBytes(StandardCharsets.US_ASCII), "part", new ArrayList<>()),
                StandardCharsets.UTF_8);
    }
}
