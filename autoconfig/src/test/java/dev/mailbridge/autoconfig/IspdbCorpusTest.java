package dev.mailbridge.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.MailboxClient;
import dev.mailbridge.autoconfig.testing.LoopbackDns;
import dev.mailbridge.autoconfig.testing.LoopbackWeb;
import dev.mailbridge.autoconfig.testing.LoopbackWeb.Answer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Discovery over real provider data: the Thunderbird ISPDB entries in src/test/resources/ispdb (MPL-2.0, licence
 * beside them), each served for every domain it lists. For every domain, the first IMAP server (POP3 when the entry has
 * no IMAP) and the first SMTP server discovery proposes must be the entry's own, read here independently with the
 * JDK's DOM parser.
 */
class IspdbCorpusTest {
    /** A domain an entry serves, or a customer domain for entries written for any domain ({@code %EMAILDOMAIN%}). */
    private record Case(String file, String domain, String incoming, String outgoing) {}

    @Test
    void everyDomainGetsItsEntrysFirstImapAndSmtpServers() throws Exception {
        List<Case> cases = cases();
        List<String> wrong = new ArrayList<>();
        try (LoopbackDns dns = new LoopbackDns();
                LoopbackWeb web = new LoopbackWeb()) {
            for (Case c : cases) {
                web.on("https://ispdb.test/v1.1/" + c.domain(), Answer.of(200, "text/xml", bytes(c.file())));
            }
            Discovery discovery = Discovery.newBuilder(MailboxClient.create())
                    .dnsServer(dns.address())
                    .httpFetcher(web.fetcher())
                    .ispdb(URI.create("https://ispdb.test/v1.1/"))
                    .sources(EnumSet.of(Source.ISPDB))
                    .sourceTimeout(Duration.ofSeconds(3))
                    .build();
            for (Case c : cases) {
                Candidate best =
                        discovery.discover("someone@" + c.domain()).best().orElse(null);
                String incoming = best == null || best.incoming().isEmpty()
                        ? "none"
                        : describe(best.incoming().get(0));
                String outgoing = best == null || best.outgoing().isEmpty()
                        ? "none"
                        : describe(best.outgoing().get(0));
                if (!incoming.equals(c.incoming()) || !outgoing.equals(c.outgoing())) {
                    wrong.add(c + " got " + incoming + " / " + outgoing);
                }
            }
        }
        int right = cases.size() - wrong.size();
        System.err.printf(
                Locale.ROOT,
                "ISPDB corpus: %d of %d domains (%d entries) got their entry's first IMAP and SMTP servers%n",
                right,
                cases.size(),
                cases.stream().map(Case::file).distinct().count());
        assertThat(cases).hasSizeGreaterThan(30);
        assertThat(wrong).isEmpty();
    }

    private static String describe(ServerSetting s) {
        return s.protocol() + " " + s.endpoint().host() + ":" + s.endpoint().port() + " "
                + s.endpoint().security();
    }

    private static List<Case> cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        Path folder = Path.of(resource("ispdb/LICENSE.md")).getParent();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals("LICENSE.md")) {
                    continue;
                }
                Element provider = (Element) DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(new ByteArrayInputStream(Files.readAllBytes(file)))
                        .getDocumentElement()
                        .getElementsByTagName("emailProvider")
                        .item(0);
                NodeList domains = provider.getElementsByTagName("domain");
                for (int i = 0; i < domains.getLength(); i++) {
                    String domain = domains.item(i).getTextContent().strip().toLowerCase(Locale.ROOT);
                    if (domain.contains("%")) {
                        domain = "customer-of-" + name.replace(".xml", "").replace('.', '-') + ".test";
                    }
                    cases.add(new Case(
                            name,
                            domain,
                            expected(provider, "incomingServer", domain),
                            expected(provider, "outgoingServer", domain)));
                }
            }
        }
        return cases;
    }

    /** The entry's first IMAP server (or first POP3 server without IMAP), or its first SMTP server, as text. */
    private static String expected(Element provider, String element, String domain) {
        NodeList servers = provider.getElementsByTagName(element);
        String fallback = "none";
        for (int i = 0; i < servers.getLength(); i++) {
            Element server = (Element) servers.item(i);
            String type = server.getAttribute("type").toUpperCase(Locale.ROOT);
            String socket = text(server, "socketType").toUpperCase(Locale.ROOT);
            String security = socket.equals("STARTTLS") ? "STARTTLS" : socket.equals("PLAIN") ? "NONE" : "IMPLICIT_TLS";
            String host = text(server, "hostname")
                    .replaceAll("(?i)%EMAILDOMAIN%", domain)
                    .toLowerCase(Locale.ROOT);
            String line = type + " " + host + ":" + text(server, "port") + " " + security;
            if (type.equals("IMAP") || type.equals("SMTP")) {
                return line;
            }
            if (type.equals("POP3") && fallback.equals("none")) {
                fallback = line;
            }
        }
        return fallback;
    }

    private static String text(Element server, String tag) {
        return server.getElementsByTagName(tag).item(0).getTextContent().strip();
    }

    private static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(Path.of(resource("ispdb/" + file)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static URI resource(String name) {
        try {
            return IspdbCorpusTest.class.getClassLoader().getResource(name).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
