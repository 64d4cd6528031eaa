package dev.mailbridge.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.Credentials;
import dev.mailbridge.Dns;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.TlsTrust;
import dev.mailbridge.autoconfig.ReadinessCheck.Kind;
import dev.mailbridge.autoconfig.ReadinessCheck.Verdict;
import dev.mailbridge.autoconfig.testing.LoopbackWeb;
import dev.mailbridge.autoconfig.testing.LoopbackWeb.Answer;
import dev.mailbridge.check.CheckReport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Discovery and domain readiness against the lab's dnsmasq (127.0.0.1:5353: MX, RFC 6186 SRV, SPF, DKIM and DMARC for
 * lab.test) and a loopback HTTP server for autoconfig documents; every discovered setting is then checked against the
 * lab's Dovecot and Postfix. Runs with {@code -Pinterop} after {@code scripts/mail-lab up}.
 */
@Tag("interop")
class LabDiscoveryTest {
    static final Path LAB = Path.of(System.getenv().getOrDefault("MAILBRIDGE_LAB", "/var/lib/mailbridge-lab"));
    static final InetSocketAddress LAB_DNS = new InetSocketAddress("127.0.0.1", 5353);

    static MailboxClient client;
    private LoopbackWeb web;

    @BeforeAll
    static void labMustBeUp() {
        Path trust = LAB.resolve("tls/truststore.p12");
        boolean up = Files.isReadable(trust) && answers(993) && answers(587) && dnsAnswers();
        String why = "the interop lab is not up: run `sudo scripts/mail-lab up` (Debian 12, root) to run these tests";
        if (System.getenv("MAILBRIDGE_INTEROP_REQUIRED") != null) {
            Assertions.assertTrue(up, why);
        }
        Assumptions.assumeTrue(up, why);
        client = MailboxClient.newBuilder()
                .tlsTrust(TlsTrust.fromPkcs12(trust, "changeit".toCharArray()))
                .dns(labDns())
                .connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(20))
                .build();
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dnsAnswers() {
        try {
            return !labDns().lookup("mail.lab.test").isEmpty();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Host names resolved by the lab's dnsmasq, so the mail connections follow the same DNS as discovery: the public
     * {@link DnsServerResolver}, asking the real DNS server.
     */
    private static Dns labDns() {
        return DnsServerResolver.of(LAB_DNS, Duration.ofSeconds(2));
    }

    @BeforeEach
    void startWeb() throws IOException {
        web = new LoopbackWeb();
    }

    @AfterEach
    void stopWeb() {
        web.close();
    }

    private Discovery discovery(Source... sources) {
        return Discovery.newBuilder(client)
                .dnsServer(LAB_DNS)
                .httpFetcher(web.fetcher())
                .ispdb(null)
                .sourceTimeout(Duration.ofSeconds(3))
                .deadline(Duration.ofSeconds(8))
                .sources(EnumSet.of(sources[0], sources))
                .build();
    }

    /** lab.test's own autoconfig document, as a domain would publish it for the lab's server. */
    private static byte[] labConfigXml() {
        return AutoconfigDocuments.of(MailSettingsTemplate.newBuilder("lab.test")
                        .displayName("Mailbridge Lab")
                        .imap("mail.lab.test", 993, Security.IMPLICIT_TLS)
                        .smtp("mail.lab.test", 587, Security.STARTTLS)
                        .build())
                .configXml();
    }

    /** The candidate's settings work against the real servers with dana's password. */
    private static void assertWorks(Candidate candidate) {
        CheckReport report = client.check(
                candidate.toAccount(Credentials.password("Lab-Password-1")).build());
        assertThat(report.ok()).as(report.toText()).isTrue();
    }

    @Test
    void srvRecordsFromDnsmasqGiveSettingsThatWork() {
        DiscoveryResult result = discovery(Source.SRV).discover("dana@lab.test");

        Candidate best = result.best().orElseThrow(() -> new AssertionError(result.toText()));
        assertThat(best.source()).isEqualTo(Source.SRV);
        assertThat(best.incoming())
                .extracting(s -> s.protocol() + " " + s.endpoint())
                .containsExactly(
                        "IMAP mail.lab.test:993 (IMPLICIT_TLS)",
                        "IMAP mail.lab.test:143 (STARTTLS)",
                        "POP3 mail.lab.test:995 (IMPLICIT_TLS)",
                        "POP3 mail.lab.test:110 (STARTTLS)");
        assertThat(best.outgoing().get(0).endpoint()).hasToString("mail.lab.test:465 (IMPLICIT_TLS)");
        assertWorks(best);
    }

    @Test
    void aServiceSrvMarksNotOfferedIsLeftOut() {
        DiscoveryResult result = discovery(Source.SRV).discover("dana@nopop.lab.test");

        Candidate best = result.best().orElseThrow(() -> new AssertionError(result.toText()));
        assertThat(best.incoming()).extracting(ServerSetting::protocol).containsOnly(Protocol.IMAP);
    }

    @Test
    void theMxHostsDomainAutoconfigServesADomainHostedThere() {
        web.on("https://autoconfig.lab.test/mail/config-v1.1.xml", Answer.of(200, "text/xml", labConfigXml()));

        DiscoveryResult result = discovery(Source.MX).discover("dana@hosted.lab.test");

        Candidate best = result.best().orElseThrow(() -> new AssertionError(result.toText()));
        assertThat(best.source()).isEqualTo(Source.MX);
        assertThat(best.incoming().get(0).endpoint()).hasToString("mail.lab.test:993 (IMPLICIT_TLS)");
    }

    @Test
    void anMxAtAProviderGivesThatProvidersPreset() {
        Candidate microsoft =
                discovery(Source.MX).discover("dana@contoso.lab.test").best().orElseThrow();
        Candidate google =
                discovery(Source.MX).discover("dana@workspace.lab.test").best().orElseThrow();

        assertThat(microsoft.profile().orElseThrow().displayName()).contains("Microsoft 365");
        assertThat(google.profile().orElseThrow().displayName()).contains("Google Workspace");
    }

    @Test
    void theDomainsAutoconfigFromLoopbackHttpWinsOverDnsAndWorks() {
        web.on("https://autoconfig.lab.test/mail/config-v1.1.xml", Answer.of(200, "text/xml", labConfigXml()));

        DiscoveryResult result =
                discovery(Source.AUTOCONFIG, Source.MX, Source.SRV).discover("dana@lab.test");

        Candidate best = result.best().orElseThrow(() -> new AssertionError(result.toText()));
        assertThat(best.source()).isEqualTo(Source.AUTOCONFIG);
        assertThat(best.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(best.outgoing().get(0).endpoint()).hasToString("mail.lab.test:587 (STARTTLS)");
        assertWorks(best);
    }

    @Test
    void theLabDomainsMxSpfDkimAndDmarcPass() throws IOException {
        ReadinessReport report =
                DomainReadiness.newBuilder().dnsServer(LAB_DNS).build().check("lab.test", List.of("lab"));

        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(report.checks())
                .as(report.toText())
                .allSatisfy(check -> assertThat(check.verdict()).isEqualTo(Verdict.PASS));
        ReadinessCheck dkim = report.check(Kind.DKIM).orElseThrow();
        assertThat(dkim.records()).singleElement().asString().contains("k=rsa");
        assertThat(dkim.message())
                .as("the key length read from the published key")
                .contains("2048");
    }

    @Test
    void aDomainWithoutRecordsFailsReadinessWithFixes() {
        ReadinessReport report =
                DomainReadiness.newBuilder().dnsServer(LAB_DNS).build().check("nopop.lab.test");

        assertThat(report.check(Kind.MX).orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.check(Kind.SPF).orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.check(Kind.DMARC).orElseThrow().fix()).isNotBlank();
    }
}
