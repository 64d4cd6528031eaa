package dev.mailbridge.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.MailboxClient;
import dev.mailbridge.Security;
import dev.mailbridge.UsernameForm;
import dev.mailbridge.autoconfig.internal.AutodiscoverXml;
import dev.mailbridge.autoconfig.testing.LoopbackDns;
import dev.mailbridge.autoconfig.testing.LoopbackWeb;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The documents for your own domain, checked by reading them back with discovery's own parsers and sources. */
class AutoconfigDocumentsTest {
    private final MailSettingsTemplate template = MailSettingsTemplate.newBuilder("acme.test")
            .alsoFor("acme-mail.test")
            .displayName("Acme & Co Mail")
            .imap("mail.acme.test", 993, Security.IMPLICIT_TLS)
            .imap("mail.acme.test", 143, Security.STARTTLS)
            .smtp("mail.acme.test", 465, Security.IMPLICIT_TLS)
            .usernameForm(UsernameForm.LOCAL_PART)
            .webHost("www.acme.test")
            .build();
    private final AutoconfigDocuments documents = AutoconfigDocuments.of(template);

    @Test
    void theConfigDocumentReadsBackAsTheTemplate() {
        AutoconfigDocuments.Response response =
                documents.handle("GET", "/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=x", new byte[0]);

        ConfigDocument doc = ConfigDocument.parse(response.body());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/xml");
        assertThat(doc.domains()).containsExactlyInAnyOrder("acme.test", "acme-mail.test");
        assertThat(doc.displayName()).isEqualTo("Acme & Co Mail");
        assertThat(doc.incoming()).isEqualTo(template.incoming());
        assertThat(doc.outgoing()).isEqualTo(template.outgoing());
    }

    @Test
    void autodiscoverAnswersAPostedRequestWithTheLoginFilledIn() {
        byte[] request = AutodiscoverXml.request("dana@acme-mail.test");

        AutoconfigDocuments.Response response = documents.handle("POST", "/Autodiscover/Autodiscover.xml", request);
        AutodiscoverXml.Parsed parsed = AutodiscoverXml.parse(response.body());

        assertThat(response.status()).isEqualTo(200);
        assertThat(parsed.servers())
                .extracting(s -> s.protocol() + " " + s.endpoint() + " " + s.usernameTemplate())
                .containsExactly(
                        "IMAP mail.acme.test:993 (IMPLICIT_TLS) dana",
                        "IMAP mail.acme.test:143 (STARTTLS) dana",
                        "SMTP mail.acme.test:465 (IMPLICIT_TLS) dana");
    }

    @Test
    void requestsThatDoNotFitAreRefusedWithTheRightStatus() {
        assertThat(documents
                        .handle("POST", "/autodiscover/autodiscover.xml", AutodiscoverXml.request("x@other.test"))
                        .status())
                .isEqualTo(404);
        assertThat(documents
                        .handle("POST", "/autodiscover/autodiscover.xml", "<nope".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(400);
        assertThat(documents
                        .handle("GET", "/autodiscover/autodiscover.xml", new byte[0])
                        .status())
                .isEqualTo(405);
        assertThat(documents
                        .handle("POST", "/mail/config-v1.1.xml", new byte[0])
                        .status())
                .isEqualTo(405);
        assertThat(documents.handle("GET", "/etc/passwd", new byte[0]).status()).isEqualTo(404);
        assertThat(documents
                        .handle("POST", "/autodiscover/autodiscover.xml", new byte[20_000])
                        .status())
                .isEqualTo(413);
    }

    @Test
    void theZoneLinesAreValidAndDiscoveryFindsTheServersThroughThem() throws Exception {
        try (LoopbackDns dns = new LoopbackDns()) {
            for (String line : documents.zoneRecords()) {
                dns.add(line); // parsed by dnsjava's zone syntax: a malformed line would throw
            }
            assertThat(documents.zoneRecords())
                    .contains(
                            "_imaps._tcp.acme.test. 3600 IN SRV 0 1 993 mail.acme.test.",
                            "_pop3s._tcp.acme.test. 3600 IN SRV 0 0 0 .",
                            "autoconfig.acme.test. 3600 IN CNAME www.acme.test.");

            Discovery discovery = Discovery.newBuilder(MailboxClient.create())
                    .dnsServer(dns.address())
                    .sources(EnumSet.of(Source.SRV))
                    .build();
            Candidate found = discovery.discover("dana@acme.test").best().orElseThrow();

            assertThat(found.incoming())
                    .extracting(s -> s.endpoint().toString())
                    .containsExactly("mail.acme.test:993 (IMPLICIT_TLS)", "mail.acme.test:143 (STARTTLS)");
            assertThat(found.outgoing())
                    .extracting(s -> s.endpoint().toString())
                    .containsExactly("mail.acme.test:465 (IMPLICIT_TLS)");
        }
    }

    @Test
    void theServedDocumentIsFoundByDiscovery() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
                LoopbackWeb web = new LoopbackWeb()) {
            web.on(
                    "https://autoconfig.acme.test/mail/config-v1.1.xml",
                    LoopbackWeb.Answer.of(200, "text/xml", documents.configXml()));
            Discovery discovery = Discovery.newBuilder(MailboxClient.create())
                    .dnsServer(dns.address())
                    .httpFetcher(web.fetcher())
                    .sources(EnumSet.of(Source.AUTOCONFIG))
                    .build();

            Candidate found = discovery.discover("dana@acme.test").best().orElseThrow();

            assertThat(found.incoming().get(0).username(found.address())).isEqualTo("dana");
        }
    }
}
