package dev.mailbridge.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailbridge.Dns;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.autoconfig.testing.LoopbackDns;
import dev.mailbridge.autoconfig.testing.LoopbackHttps;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery's HTTP requests follow the client's network, as its mail connections do: the client's {@link Dns} resolves
 * the host and its {@link dev.mailbridge.TlsTrust} checks the certificate and the name (the JDK's HTTP client used the
 * JVM's resolver and trust store, so a private CA or resolver set on the client silently did not apply).
 * {@link DnsServerResolver} is the public resolver that asks one DNS server.
 */
class OneNetworkStoryTest {
    private LoopbackHttps web;
    private LoopbackDns dns;

    @BeforeEach
    void start() throws Exception {
        web = new LoopbackHttps();
        dns = new LoopbackDns();
    }

    @AfterEach
    void stop() {
        web.close();
        dns.close();
    }

    /** Names only the client knows, all pointing at 127.0.0.1 (the certificate is for mail.mailbridge.test). */
    private static Dns clientDns() {
        Map<String, String> names = Map.of("mail.mailbridge.test", "127.0.0.1", "other.mailbridge.test", "127.0.0.1");
        return host -> {
            String address = names.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
        };
    }

    private MailboxClient client() {
        return MailboxClient.newBuilder()
                .dns(clientDns())
                .tlsTrust(LoopbackHttps.trust())
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2))
                .build();
    }

    private URI url(String host, String path) {
        return URI.create("https://" + host + ":" + web.port() + path);
    }

    @Test
    void theClientsResolverAndTrustApplyToDiscoveryRequests() throws Exception {
        byte[] xml = DiscoveryTest.config("example.org", "imap.example.org", 993, "SSL")
                .getBytes(StandardCharsets.UTF_8);
        web.on("/v1.1/example.org", "text/xml", xml, false);

        DiscoveryResult result = Discovery.newBuilder(client())
                .dnsServer(dns.address())
                .ispdb(url("mail.mailbridge.test", "/v1.1/"))
                .sources(EnumSet.of(Source.ISPDB))
                .build()
                .discover("dana@example.org");

        assertThat(result.best().orElseThrow().incoming().get(0).endpoint().host())
                .isEqualTo("imap.example.org");
    }

    @Test
    void theJdkFetcherKnowsNeitherTheClientsNamesNorItsCa() {
        assertThatThrownBy(() -> HttpFetcher.jdk()
                        .send("GET", url("mail.mailbridge.test", "/x"), null, null, Duration.ofSeconds(2), 1000))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aCertificateForAnotherNameIsRefused() {
        web.on("/x", "text/plain", "hello".getBytes(StandardCharsets.UTF_8), false);

        assertThatThrownBy(() -> HttpFetcher.using(client())
                        .send("GET", url("other.mailbridge.test", "/x"), null, null, Duration.ofSeconds(2), 1000))
                .isInstanceOf(SSLException.class);
    }

    @Test
    void anUnrelatedCaIsRefused() {
        web.on("/x", "text/plain", "hello".getBytes(StandardCharsets.UTF_8), false);
        MailboxClient publicCas = MailboxClient.newBuilder().dns(clientDns()).build();

        assertThatThrownBy(() -> HttpFetcher.using(publicCas)
                        .send("GET", url("mail.mailbridge.test", "/x"), null, null, Duration.ofSeconds(2), 1000))
                .isInstanceOf(SSLException.class);
    }

    @Test
    void chunkedAndSizedBodiesArriveWholeAndOversizedOnesAreRefused() throws Exception {
        byte[] big = "0123456789".repeat(5000).getBytes(StandardCharsets.UTF_8);
        web.on("/chunked", "text/xml", big, true).on("/sized", "text/xml", big, false);
        HttpFetcher fetcher = HttpFetcher.using(client());

        assertThat(fetcher.send(
                                "GET",
                                url("mail.mailbridge.test", "/chunked"),
                                null,
                                null,
                                Duration.ofSeconds(2),
                                100_000)
                        .body())
                .isEqualTo(big);
        HttpFetcher.Response sized =
                fetcher.send("GET", url("mail.mailbridge.test", "/sized"), null, null, Duration.ofSeconds(2), 100_000);
        assertThat(sized.body()).isEqualTo(big);
        assertThat(sized.status()).isEqualTo(200);
        assertThat(sized.contentType()).isEqualTo("text/xml");
        assertThatThrownBy(() -> fetcher.send(
                        "GET", url("mail.mailbridge.test", "/chunked"), null, null, Duration.ofSeconds(2), 1000))
                .hasMessageContaining("larger than 1000 bytes");
    }

    @Test
    void aServerThatNeverAnswersIsBoundedByTheTimeout() {
        web.hang("/slow");

        long started = System.nanoTime();
        assertThatThrownBy(() -> HttpFetcher.using(client())
                        .send("GET", url("mail.mailbridge.test", "/slow"), null, null, Duration.ofMillis(700), 1000))
                .isInstanceOf(java.net.SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2000));
    }

    @Test
    void theDnsServerResolverAsksTheGivenServer() throws Exception {
        dns.add("mail.corp.test. 300 IN A 127.0.0.7");
        dns.add("mail.corp.test. 300 IN AAAA ::1");
        DnsServerResolver resolver = DnsServerResolver.of(dns.address(), Duration.ofSeconds(2));

        assertThat(resolver.lookup("mail.corp.test"))
                .extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.7", "0:0:0:0:0:0:0:1");
        assertThat(resolver.lookup("127.0.0.9"))
                .extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.9");
        assertThatThrownBy(() -> resolver.lookup("nowhere.corp.test"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("nowhere.corp.test");
        assertThat(resolver.toString()).contains(String.valueOf(dns.address().getPort()));
    }
}
