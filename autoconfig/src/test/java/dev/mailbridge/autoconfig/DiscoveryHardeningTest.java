package dev.mailbridge.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.Endpoint;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.autoconfig.testing.LoopbackDns;
import dev.mailbridge.autoconfig.testing.LoopbackWeb;
import dev.mailbridge.autoconfig.testing.LoopbackWeb.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Discovery on the shapes real provider data takes: placeholders in host names, POP3 listed before IMAP, MX hosts of
 * hosted mail (AOL on Yahoo's), regional providers, a request that hangs while another already answered.
 */
class DiscoveryHardeningTest {
    private LoopbackDns dns;
    private LoopbackWeb web;
    private final MailboxClient client = MailboxClient.create();

    @BeforeEach
    void start() throws Exception {
        dns = new LoopbackDns();
        web = new LoopbackWeb();
    }

    @AfterEach
    void stop() {
        dns.close();
        web.close();
    }

    private Discovery.Builder discovery(Source first, Source... rest) {
        return Discovery.newBuilder(client)
                .dnsServer(dns.address())
                .httpFetcher(web.fetcher())
                .ispdb(URI.create("https://ispdb.test/v1.1/"))
                .sourceTimeout(Duration.ofSeconds(2))
                .deadline(Duration.ofSeconds(4))
                .sources(EnumSet.of(first, rest));
    }

    static String corpus(String name) {
        try (InputStream in = DiscoveryHardeningTest.class.getResourceAsStream("/ispdb/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no corpus document " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String HOSTING_DOCUMENT = "<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\">"
            + "<emailProvider id=\"hoster.test\"><domain>%EMAILDOMAIN%</domain>"
            + "<incomingServer type=\"pop3\"><hostname>pop.%EMAILDOMAIN%</hostname><port>995</port>"
            + "<socketType>SSL</socketType><username>%EMAILADDRESS%</username></incomingServer>"
            + "<incomingServer type=\"imap\"><hostname>mail.%EMAILDOMAIN%</hostname><port>993</port>"
            + "<socketType>SSL</socketType><username>%EMAILADDRESS%</username></incomingServer>"
            + "<outgoingServer type=\"smtp\"><hostname>smtp.%emaildomain%</hostname><port>465</port>"
            + "<socketType>SSL</socketType><username>%EMAILADDRESS%</username></outgoingServer>"
            + "</emailProvider></clientConfig>";

    @Test
    void placeholdersInHostNamesAreFilledForTheAddress() {
        web.on("https://ispdb.test/v1.1/customer.test", Answer.xml(HOSTING_DOCUMENT));

        Candidate best = discovery(Source.ISPDB)
                .build()
                .discover("dana@Customer.test")
                .best()
                .orElseThrow();

        assertThat(best.incoming())
                .extracting(s -> s.endpoint().host())
                .containsExactly("mail.customer.test", "pop.customer.test");
        assertThat(best.outgoing().get(0).endpoint().host()).isEqualTo("smtp.customer.test");
        assertThat(best.toAccount(dev.mailbridge.Credentials.password("pw"))
                        .build()
                        .incoming()
                        .orElseThrow()
                        .endpoint()
                        .host())
                .isEqualTo("mail.customer.test");
    }

    @Test
    void withoutAnAddressAServerWhoseHostIsAPlaceholderIsLeftOutAndEndpointRefusesIt() {
        assertThatThrownBy(() -> ConfigDocument.parse(HOSTING_DOCUMENT.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ConfigDocument.parse(xml, address)");

        ConfigDocument forDana = ConfigDocument.parse(
                HOSTING_DOCUMENT.getBytes(StandardCharsets.UTF_8), EmailAddress.of("dana@customer.test"));
        assertThat(forDana.incoming()).hasSize(2);

        assertThatThrownBy(() -> new Endpoint("mail.%EMAILDOMAIN%", 993, Security.IMPLICIT_TLS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'%'")
                .hasMessageContaining("placeholder");
    }

    @Test
    void aDocumentListingPop3FirstStillOffersImapFirst() {
        web.on("https://ispdb.test/v1.1/customer.test", Answer.xml(HOSTING_DOCUMENT));

        Candidate best = discovery(Source.ISPDB)
                .build()
                .discover("dana@customer.test")
                .best()
                .orElseThrow();

        assertThat(best.incoming()).extracting(ServerSetting::protocol).containsExactly(Protocol.IMAP, Protocol.POP3);
    }

    @Test
    void anMxHostAsksItsParentDomainBeforeItsRegistrableDomainAsThunderbirdDoes() {
        // AOL's mail is received by Yahoo's servers: the ISPDB's AOL entry lists the MX's parent domain,
        // while yahoodns.net as a whole would give Yahoo's servers.
        dns.add("aol-customer.test. 300 IN MX 1 mx-aol.mail.gm0.yahoodns.net.");
        web.on("https://ispdb.test/v1.1/mail.gm0.yahoodns.net", Answer.xml(corpus("aol.com.xml")));
        web.on(
                "https://ispdb.test/v1.1/yahoodns.net",
                Answer.xml(DiscoveryTest.config("yahoo.com", "imap.mail.yahoo.com", 993, "SSL")));

        Candidate best = discovery(Source.MX)
                .build()
                .discover("dana@aol-customer.test")
                .best()
                .orElseThrow();

        assertThat(best.incoming().get(0).endpoint().host()).isEqualTo("imap.aol.com");
        assertThat(best.outgoing().get(0).endpoint().host()).isEqualTo("smtp.aol.com");
    }

    @Test
    void anIspSubdomainOfTheMxFindsItsOwnEntry() {
        dns.add("member.test. 300 IN MX 10 mx01.mail.isp-group.test.");
        web.on(
                "https://ispdb.test/v1.1/mail.isp-group.test",
                Answer.xml(DiscoveryTest.config("mail.isp-group.test", "imap.mail.isp-group.test", 993, "SSL")));

        Candidate best =
                discovery(Source.MX).build().discover("dana@member.test").best().orElseThrow();

        assertThat(best.incoming().get(0).endpoint().host()).isEqualTo("imap.mail.isp-group.test");
    }

    @Test
    void aHangingRequestOfTheMxSourceNeverHidesTheIspdbAnswerItAlreadyHas() {
        dns.add("shop.test. 300 IN MX 10 mx1.hoster.test.");
        // The MX domain's own autoconfig host hangs (both URLs); its ISPDB entry answers at once.
        web.on("https://autoconfig.hoster.test/mail/config-v1.1.xml", Answer.hang());
        web.on("https://hoster.test/.well-known/autoconfig/mail/config-v1.1.xml", Answer.hang());
        web.on("http://autoconfig.hoster.test/mail/config-v1.1.xml", Answer.hang());
        web.on("http://hoster.test/.well-known/autoconfig/mail/config-v1.1.xml", Answer.hang());
        web.on(
                "https://ispdb.test/v1.1/hoster.test",
                Answer.xml(DiscoveryTest.config("hoster.test", "imap.hoster.test", 993, "SSL")));

        long started = System.nanoTime();
        DiscoveryResult result = discovery(Source.MX).build().discover("dana@shop.test");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.best().orElseThrow().incoming().get(0).endpoint().host())
                .isEqualTo("imap.hoster.test");
        assertThat(took).isLessThan(Duration.ofSeconds(2).plusMillis(800)); // within the source timeout
    }

    @Test
    void aHangingHttpsUrlNeverHidesTheHttpAnswerItAlreadyHas() {
        web.on("https://autoconfig.slow.test/mail/config-v1.1.xml", Answer.hang());
        web.on("https://slow.test/.well-known/autoconfig/mail/config-v1.1.xml", Answer.hang());
        web.on(
                "http://autoconfig.slow.test/mail/config-v1.1.xml",
                Answer.xml(DiscoveryTest.config("slow.test", "imap.slow.test", 993, "SSL")));

        Candidate best = discovery(Source.AUTOCONFIG)
                .build()
                .discover("dana@slow.test")
                .best()
                .orElseThrow();

        assertThat(best.incoming().get(0).endpoint().host()).isEqualTo("imap.slow.test");
        assertThat(best.confidence()).isEqualTo(Confidence.LOW); // fetched over plain HTTP, and said so
    }

    @Test
    void theDeadlineCountsFromTheCall() {
        web.on("https://ispdb.test/v1.1/quiet.test", Answer.hang());
        dns.silent("quiet.test");
        Discovery discovery = Discovery.newBuilder(client)
                .dnsServer(dns.address())
                .httpFetcher(web.fetcher())
                .ispdb(URI.create("https://ispdb.test/v1.1/"))
                .sourceTimeout(Duration.ofSeconds(5))
                .deadline(Duration.ofSeconds(1))
                .sources(EnumSet.of(Source.ISPDB, Source.MX))
                .build();

        long started = System.nanoTime();
        DiscoveryResult result = discovery.discover("dana@quiet.test");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.best()).isEmpty();
        assertThat(took).isLessThan(Duration.ofMillis(1500));
    }

    @ParameterizedTest(name = "MX {0}")
    @CsvSource({
        "mx.zoho.eu, zoho.eu",
        "mx2.zoho.in, zoho.in",
        "mx.zoho.com.au, zoho.com.au",
        "mx.zoho.jp, zoho.jp",
        "mx.zohocloud.ca, zohocloud.ca",
        "mx.zoho.sa, zoho.sa",
        "mx.zoho.com.cn, zoho.com.cn",
        "mx.zoho.com, zoho.com",
    })
    void aZohoCustomDomainGetsItsRegionsServers(String mxHost, String region) {
        dns.add("customer.test. 300 IN MX 10 " + mxHost + ".");

        Candidate best = discovery(Source.MX)
                .build()
                .discover("dana@customer.test")
                .best()
                .orElseThrow();

        assertThat(best.incoming().get(0).endpoint().host()).isEqualTo("imap." + region);
        assertThat(best.outgoing().get(0).endpoint().host()).isEqualTo("smtp." + region);
        assertThat(best.profile().orElseThrow().displayName()).startsWith("Zoho Mail");
    }
}
