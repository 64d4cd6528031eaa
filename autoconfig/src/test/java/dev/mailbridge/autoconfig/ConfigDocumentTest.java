package dev.mailbridge.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * config-v1.1.xml parsing over hand-written fixtures that exercise the whole format; each fixture states what it must
 * parse to in a comment ({@code expect incoming="..." outgoing="..." domains="..."}), or the error it must give.
 */
class ConfigDocumentTest {
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    static Stream<Path> valid() throws IOException, URISyntaxException {
        return fixtures("valid");
    }

    static Stream<Path> invalid() throws IOException, URISyntaxException {
        return fixtures("invalid");
    }

    private static Stream<Path> fixtures(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(
                ConfigDocumentTest.class.getResource("/config/" + folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList().stream();
        }
    }

    @Test
    void thereAreAtLeastTwentyValidFixtures() throws Exception {
        assertThat(valid().count()).isGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validFixtureParsesToWhatItStates(Path fixture) throws IOException {
        byte[] bytes = Files.readAllBytes(fixture);
        String text = new String(
                bytes,
                fixture.toString().contains("iso-8859-1") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        Matcher comment =
                Pattern.compile("<!-- expect (.*?) -->|<\\?expect (.*?)\\?>").matcher(text);
        assertThat(comment.find()).as("expectation comment in " + fixture).isTrue();
        Map<String, String> expect = new HashMap<>();
        // A comment cannot hold "--" (as in xn--), so IDN fixtures state their expectation in a processing instruction.
        Matcher attribute = ATTRIBUTE.matcher(comment.group(1) != null ? comment.group(1) : comment.group(2));
        while (attribute.find()) {
            expect.put(attribute.group(1), attribute.group(2).replace("&amp;", "&"));
        }

        ConfigDocument doc = ConfigDocument.parse(bytes);

        assertThat(render(doc.incoming())).isEqualTo(expect.get("incoming"));
        assertThat(render(doc.outgoing())).isEqualTo(expect.get("outgoing"));
        assertThat(doc.domains().stream().sorted().collect(Collectors.joining(" ")))
                .isEqualTo(expect.get("domains"));
        if (expect.containsKey("name")) {
            assertThat(doc.displayName()).isEqualTo(expect.get("name"));
        }
        if (expect.containsKey("pop3")) {
            ConfigDocument.Pop3Options p = doc.pop3().orElseThrow();
            assertThat(p.leaveMessagesOnServer() + " " + p.downloadOnBiff() + " " + p.daysToLeaveMessagesOnServer()
                            + " " + p.checkIntervalMinutes())
                    .isEqualTo(expect.get("pop3"));
        }
        if (expect.containsKey("oauth2")) {
            ConfigDocument.OAuth2Section o = doc.oauth2().orElseThrow();
            assertThat(o.issuer() + " " + o.authUrl() + " " + o.tokenUrl()).isEqualTo(expect.get("oauth2"));
            assertThat(o.scope()).contains("offline_access");
        }
        if (expect.containsKey("documentation")) {
            assertThat(doc.documentation().stream().map(Object::toString).collect(Collectors.joining(" ")))
                    .isEqualTo(expect.get("documentation"));
            assertThat(doc.enablePage().orElseThrow()).hasToString(expect.get("enable"));
        }

        ConfigDocument again = ConfigDocument.parse(doc.toXml());
        assertThat(render(again.incoming())).as("written and read again").isEqualTo(render(doc.incoming()));
        assertThat(render(again.outgoing())).isEqualTo(render(doc.outgoing()));
        assertThat(again.domains()).isEqualTo(doc.domains());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidFixtureIsRefusedWithItsReason(Path fixture) throws IOException {
        byte[] bytes = Files.readAllBytes(fixture);
        Matcher comment = Pattern.compile("<!-- error: (.*?) -->").matcher(new String(bytes, StandardCharsets.UTF_8));
        assertThat(comment.find()).isTrue();

        assertThatThrownBy(() -> ConfigDocument.parse(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(comment.group(1));
    }

    @Test
    void anEntityNeverReachesTheFileSystem() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                        + "<clientConfig><emailProvider id=\"a.test\"><domain>&x;</domain></emailProvider></clientConfig>")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ConfigDocument.parse(xxe)).hasMessageContaining("refused (XXE protection)");
    }

    private static String render(List<ServerSetting> servers) {
        return servers.stream()
                .map(s -> s.protocol() + " " + s.endpoint().host() + ":"
                        + s.endpoint().port() + " "
                        + s.endpoint().security() + " " + s.usernameTemplate()
                        + (s.authentication().isEmpty() || s.authentication().equals(List.of("password-cleartext"))
                                ? ""
                                : " [" + String.join(",", s.authentication()) + "]"))
                .collect(Collectors.joining("; "));
    }
}
