package dev.mailbridge.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.MailboxClient;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.autoconfig.testing.GreetingServer;
import dev.mailbridge.autoconfig.testing.LoopbackDns;
import dev.mailbridge.autoconfig.testing.LoopbackWeb;
import dev.mailbridge.autoconfig.testing.LoopbackWeb.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery against a real DNS server and a real HTTP server on loopback, one source at a time and together. */
class DiscoveryTest {
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

    private Discovery.Builder discovery(Source... sources) {
        return Discovery.newBuilder(client)
                .dnsServer(dns.address())
                .httpFetcher(web.fetcher())
                .ispdb(URI.create("https://ispdb.test/v1.1/"))
                .sourceTimeout(Duration.ofSeconds(3))
                .deadline(Duration.ofSeconds(5))
                .sources(sources.length == 0 ? EnumSet.allOf(Source.class) : EnumSet.of(sources[0], sources));
    }

    /** The best candidate {@code source} alone finds for {@code address}. */
    private Candidate best(Source source, String address) {
        return discovery(source).build().discover(address).best().orElseThrow();
    }

    static String config(String domain, String imapHost, int port, String socketType) {
        return "<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\"><emailProvider id=\"" + domain + "\">"
                + "<domain>" + domain + "</domain><displayName>" + domain + " Mail</displayName>"
                + "<incomingServer type=\"imap\"><hostname>" + imapHost + "</hostname><port>" + port + "</port>"
                + "<socketType>" + socketType + "</socketType><username>%EMAILADDRESS%</username>"
                + "<authentication>password-cleartext</authentication></incomingServer>"
                + "<outgoingServer type=\"smtp\"><hostname>smtp." + domain + "</hostname><port>465</port>"
                + "<socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
                + "<authentication>password-cleartext</authentication></outgoingServer>"
                + "</emailProvider></clientConfig>";
    }

    @Test
    void aPresetAnswersAtOnceWithoutWaitingForTheNetwork() {
        web.on("https://autoconfig.gmail.com/mail/config-v1.1.xml", Answer.hang());
        dns.silent("gmail.com.");

        DiscoveryResult result =
                discovery().deadline(Duration.ofSeconds(30)).build().discover("dana@gmail.com");

        Candidate best = result.best().orElseThrow();
        assertThat(best.source()).isEqualTo(Source.PRESET);
        assertThat(best.profile()).isPresent();
        assertThat(best.incoming().get(0).endpoint()).hasToString("imap.gmail.com:993 (IMPLICIT_TLS)");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(2));
        assertThat(web.requested()).as("no web request for a preset domain").isEmpty();
        assertThat(result.trace())
                .singleElement()
                .satisfies(a -> assertThat(a.source()).isEqualTo(Source.PRESET));
    }

    @Test
    void theDomainsOwnAutoconfigOverHttpsIsTrusted() {
        web.on(
                "https://autoconfig.example.test/mail/config-v1.1.xml",
                Answer.xml(config("example.test", "imap.example.test", 993, "SSL")));

        web.on("http://example.test/.well-known/autoconfig/mail/config-v1.1.xml", Answer.hang());

        DiscoveryResult result = discovery(Source.AUTOCONFIG).build().discover("dana@example.test");

        Candidate best = result.best().orElseThrow();
        assertThat(result.duration())
                .as("a hanging less-trusted URL does not hold back the HTTPS answer")
                .isLessThan(Duration.ofSeconds(3));
        assertThat(best.source()).isEqualTo(Source.AUTOCONFIG);
        assertThat(best.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(best.origin()).isEqualTo("https://autoconfig.example.test/mail/config-v1.1.xml");
        assertThat(best.toAccount(dev.mailbridge.Credentials.password("x"))
                        .build()
                        .incoming()
                        .orElseThrow()
                        .username())
                .isEqualTo("dana@example.test");
        assertThat(web.requested()).noneMatch(url -> url.contains("emailaddress"));
    }

    @Test
    void anAnswerOnlyOverPlainHttpIsFlaggedAsLessTrusted() {
        web.on(
                "http://example.test/.well-known/autoconfig/mail/config-v1.1.xml",
                Answer.xml(config("example.test", "imap.example.test", 143, "STARTTLS")));

        Candidate best = best(Source.AUTOCONFIG, "dana@example.test");

        assertThat(best.confidence()).isEqualTo(Confidence.LOW);
        assertThat(best.notes()).anySatisfy(n -> assertThat(n).contains("plain HTTP"));
    }

    @Test
    void theAddressIsSentToAutoconfigOnlyWhenAskedTo() {
        web.on(
                "https://autoconfig.example.test/mail/config-v1.1.xml",
                Answer.xml(config("example.test", "imap.example.test", 993, "SSL")));

        discovery(Source.AUTOCONFIG).sendAddressToAutoconfig(true).build().discover("dana@example.test");

        assertThat(web.requested()).anyMatch(url -> url.endsWith("?emailaddress=dana%40example.test"));
    }

    @Test
    void theIspdbAnswersForTheDomain() {
        web.on("https://ispdb.test/v1.1/isp.test", Answer.xml(config("isp.test", "mail.isp.test", 993, "SSL")));

        Candidate best = best(Source.ISPDB, "dana@isp.test");

        assertThat(best.source()).isEqualTo(Source.ISPDB);
        assertThat(best.incoming().get(0).endpoint().host()).isEqualTo("mail.isp.test");
    }

    @Test
    void mxRecordsRecogniseMicrosoft365AndGoogleWorkspace() {
        dns.add("contoso.test. 300 IN MX 0 contoso-test.mail.protection.outlook.com.");
        dns.add("acme.test. 300 IN MX 1 aspmx.l.google.com.");
        dns.add("acme.test. 300 IN MX 5 alt1.aspmx.l.google.com.");
        Discovery mx = discovery(Source.MX).build();

        Candidate microsoft = mx.discover("dana@contoso.test").best().orElseThrow();
        Candidate google = mx.discover("dana@acme.test").best().orElseThrow();

        assertThat(microsoft.profile().orElseThrow().id()).isEqualTo("microsoft-365");
        assertThat(microsoft.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(google.profile().orElseThrow().id()).isEqualTo("google-workspace");
    }

    @Test
    void anMxHostsRegistrableDomainByThePublicSuffixListGivesItsAutoconfig() {
        dns.add("shop.test. 300 IN MX 10 mx1.mail.hoster.co.uk.");
        web.on(
                "https://autoconfig.hoster.co.uk/mail/config-v1.1.xml",
                Answer.xml(config("hoster.co.uk", "imap.hoster.co.uk", 993, "SSL")));

        DiscoveryResult result = discovery(Source.MX).build().discover("dana@shop.test");

        assertThat(result.best().orElseThrow().incoming().get(0).endpoint().host())
                .isEqualTo("imap.hoster.co.uk");
        assertThat(web.requested()).noneMatch(url -> url.contains("autoconfig.co.uk"));
    }

    @Test
    void srvRecordsHonourPriorityWeightAndTheDotTarget() {
        dns.add("_imaps._tcp.srv.test. 300 IN SRV 10 5 993 backup.srv.test.");
        dns.add("_imaps._tcp.srv.test. 300 IN SRV 0 10 993 imap-b.srv.test.");
        dns.add("_imaps._tcp.srv.test. 300 IN SRV 0 60 993 imap-a.srv.test.");
        dns.add("_imap._tcp.srv.test. 300 IN SRV 0 0 0 .");
        dns.add("_pop3s._tcp.srv.test. 300 IN SRV 0 0 0 .");
        dns.add("_submission._tcp.srv.test. 300 IN SRV 0 1 587 smtp.srv.test.");

        DiscoveryResult result = discovery(Source.SRV).build().discover("dana@srv.test");

        Candidate best = result.best().orElseThrow();
        assertThat(best.incoming())
                .extracting(s -> s.endpoint().toString())
                .containsExactly("imap-a.srv.test:993 (IMPLICIT_TLS)");
        assertThat(best.outgoing())
                .extracting(s -> s.endpoint().toString())
                .containsExactly("smtp.srv.test:587 (STARTTLS)");
        assertThat(result.trace()).anySatisfy(a -> {
            assertThat(a.request()).isEqualTo("_imap._tcp.srv.test");
            assertThat(a.detail()).contains("not offered");
        });
    }

    @Test
    void autodiscoverPoxAnswersAndARedirectToAnotherDomainIsFlagged() {
        String settings = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006\">"
                + "<Response xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a\">"
                + "<Account><AccountType>email</AccountType><Action>settings</Action>"
                + "<Protocol><Type>EXCH</Type><Server>ex.hosted.test</Server></Protocol>"
                + "<Protocol><Type>IMAP</Type><Server>imap.hosted.test</Server><Port>993</Port>"
                + "<LoginName>dana</LoginName><SSL>on</SSL><Encryption>SSL</Encryption></Protocol>"
                + "<Protocol><Type>SMTP</Type><Server>smtp.hosted.test</Server><Port>587</Port>"
                + "<SSL>on</SSL><Encryption>TLS</Encryption></Protocol>"
                + "</Account></Response></Autodiscover>";
        web.on(
                "https://autodiscover.corp.test/autodiscover/autodiscover.xml",
                Answer.redirect("https://autodiscover.hosted.test/autodiscover/autodiscover.xml"));
        web.on("https://autodiscover.hosted.test/autodiscover/autodiscover.xml", Answer.xml(settings));

        Candidate best = best(Source.AUTODISCOVER, "dana@corp.test");

        assertThat(best.source()).isEqualTo(Source.AUTODISCOVER);
        assertThat(best.incoming().get(0).endpoint()).hasToString("imap.hosted.test:993 (IMPLICIT_TLS)");
        assertThat(best.incoming().get(0).usernameTemplate()).isEqualTo("dana");
        assertThat(best.outgoing().get(0).endpoint().security()).isEqualTo(Security.STARTTLS);
        assertThat(best.confidence()).isEqualTo(Confidence.LOW);
        assertThat(best.notes()).anySatisfy(n -> assertThat(n).contains("another domain"));
    }

    @Test
    void whenSeveralAnswerTheMoreTrustedSourceRanksFirst() {
        // Discovery returns once nothing can beat the best answer, so SRV is only in the result if it answered before
        // the autoconfig did: the web server answers after 500 ms, the DNS server at once.
        web.latency(500);
        web.on(
                "https://autoconfig.both.test/mail/config-v1.1.xml",
                Answer.xml(config("both.test", "imap.both.test", 993, "SSL")));
        dns.add("_imaps._tcp.both.test. 300 IN SRV 0 1 993 srv-imap.both.test.");

        DiscoveryResult result =
                discovery(Source.AUTOCONFIG, Source.SRV).build().discover("dana@both.test");

        assertThat(result.candidates()).extracting(Candidate::source).containsExactly(Source.AUTOCONFIG, Source.SRV);
        assertThat(result.duration())
                .as("returns when every source has answered, not at the deadline")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aHangingSourceNeverPushesTheCallPastTheDeadline() {
        web.on("https://autoconfig.slow.test/mail/config-v1.1.xml", Answer.hang());
        dns.silent("_imaps._tcp.slow.test.");
        dns.add("_submission._tcp.slow.test. 300 IN SRV 0 1 587 smtp.slow.test.");

        DiscoveryResult result = discovery(Source.AUTOCONFIG, Source.SRV)
                .sourceTimeout(Duration.ofSeconds(30))
                .deadline(Duration.ofMillis(1500))
                .build()
                .discover("dana@slow.test");

        assertThat(result.duration()).isLessThan(Duration.ofSeconds(4));
        assertThat(result.trace()).anySatisfy(a -> assertThat(a.outcome()).isEqualTo(SourceAttempt.Outcome.NOT_NEEDED));
    }

    @Test
    void anIdnDomainIsAskedInItsAsciiForm() {
        web.on(
                "https://autoconfig.xn--bcher-kva.test/mail/config-v1.1.xml",
                Answer.xml(config("xn--bcher-kva.test", "imap.xn--bcher-kva.test", 993, "SSL")));

        Candidate best = best(Source.AUTOCONFIG, "info@bücher.test");

        assertThat(best.incoming().get(0).protocol()).isEqualTo(Protocol.IMAP);
        assertThat(best.notes()).isEmpty();
    }

    @Test
    void guessingProbesCommonNamesOnlyWhenNothingElseAnsweredAndKeepsTheOnesThatGreet() throws Exception {
        try (GreetingServer imap = GreetingServer.imap();
                GreetingServer smtp = GreetingServer.smtp()) {
            // Only mail.guess.test exists; the other names do not resolve, as on a real domain with one mail host.
            MailboxClient resolvingMail = MailboxClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .readTimeout(Duration.ofSeconds(2))
                    .dns(host -> {
                        if (host.equals("mail.guess.test")) {
                            return List.of(java.net.InetAddress.getLoopbackAddress());
                        }
                        throw new java.net.UnknownHostException(host);
                    })
                    .build();
            Discovery discovery = Discovery.newBuilder(resolvingMail)
                    .dnsServer(dns.address())
                    .httpFetcher(web.fetcher())
                    .ispdb(null)
                    .guessPorts(protocol -> switch (protocol) {
                        case IMAP -> List.of(new Protocol.PortSecurity(imap.port(), Security.NONE));
                        case SMTP -> List.of(new Protocol.PortSecurity(smtp.port(), Security.NONE));
                        case POP3 -> List.of();
                    })
                    .maxConcurrentProbes(2)
                    .build();

            DiscoveryResult result = discovery.discover("dana@guess.test");

            Candidate best = result.best().orElseThrow();
            assertThat(best.source()).isEqualTo(Source.GUESS);
            assertThat(best.confidence()).isEqualTo(Confidence.LOW);
            assertThat(best.incoming().get(0).endpoint().host()).isEqualTo("mail.guess.test");
            assertThat(best.outgoing().get(0).endpoint().host()).isEqualTo("mail.guess.test");
            assertThat(result.trace())
                    .filteredOn(a -> a.source() == Source.GUESS)
                    .extracting(SourceAttempt::request)
                    .contains(
                            "IMAP imap.guess.test:" + imap.port() + " (NONE)",
                            "SMTP smtp.guess.test:" + smtp.port() + " (NONE)");
        }
    }

    @Test
    void anOversizedDocumentIsRefused() {
        byte[] huge = new byte[300 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        web.on("https://autoconfig.big.test/mail/config-v1.1.xml", Answer.of(200, "text/xml", huge));

        DiscoveryResult result = discovery(Source.AUTOCONFIG).build().discover("dana@big.test");

        assertThat(result.candidates()).isEmpty();
        assertThat(result.trace()).anySatisfy(a -> assertThat(a.detail()).contains("larger than 262144 bytes"));
    }

    @Test
    void anHtmlPageOrAMalformedDocumentIsNotAnAnswer() {
        web.on(
                "https://autoconfig.broken.test/mail/config-v1.1.xml",
                Answer.of(200, "text/html", "<html>Welcome</html>".getBytes()));
        web.on("https://broken.test/.well-known/autoconfig/mail/config-v1.1.xml", Answer.xml("<clientConfig><oops"));

        DiscoveryResult result = discovery(Source.AUTOCONFIG).build().discover("dana@broken.test");

        assertThat(result.candidates()).isEmpty();
        assertThat(result.trace())
                .extracting(SourceAttempt::detail)
                .anySatisfy(d -> assertThat(d).contains("not XML"))
                .anySatisfy(d -> assertThat(d).contains("not well-formed"));
        assertThat(result.toText()).contains("nothing found");
    }
}
