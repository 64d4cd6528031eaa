package dev.mailbridge.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailbridge.autoconfig.ReadinessCheck.Kind;
import dev.mailbridge.autoconfig.ReadinessCheck.Verdict;
import dev.mailbridge.autoconfig.testing.LoopbackDns;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Domain readiness against records served by a real DNS server on loopback. */
class DomainReadinessTest {
    private LoopbackDns dns;
    private DomainReadiness readiness;

    @BeforeEach
    void start() throws Exception {
        dns = new LoopbackDns();
        readiness = DomainReadiness.newBuilder().dnsServer(dns.address()).build();
        dns.add("_spf.google.com. 300 IN TXT \"v=spf1 include:_netblocks.google.com ~all\"");
        dns.add("_netblocks.google.com. 300 IN TXT \"v=spf1 ip4:35.190.247.0/24 ~all\"");
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    /** A DKIM TXT record for a fresh RSA key of {@code bits}, split into 250-character strings as DNS requires. */
    private static String dkim(String name, int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        String key = Base64.getEncoder()
                .encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        String value = "v=DKIM1; k=rsa; p=" + key;
        StringBuilder quoted = new StringBuilder();
        for (int i = 0; i < value.length(); i += 250) {
            quoted.append('"')
                    .append(value, i, Math.min(value.length(), i + 250))
                    .append("\" ");
        }
        return name + " 300 IN TXT " + quoted.toString().strip();
    }

    @Test
    void aWellConfiguredGoogleWorkspaceDomainPassesEveryCheck() throws Exception {
        dns.add("good.test. 300 IN MX 1 aspmx.l.google.com.");
        dns.add("good.test. 300 IN MX 5 alt1.aspmx.l.google.com.");
        dns.add("good.test. 300 IN TXT \"google-site-verification=abc\"");
        dns.add("good.test. 300 IN TXT \"v=spf1 include:_spf.google.com -all\"");
        dns.add(dkim("google._domainkey.good.test.", 2048));
        dns.add("_dmarc.good.test. 300 IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@good.test\"");

        ReadinessReport report = readiness.check("good.test");

        assertThat(report.provider()).isEqualTo("Google Workspace");
        assertThat(report.checks()).extracting(ReadinessCheck::verdict).containsOnly(Verdict.PASS);
        assertThat(report.check(Kind.MX).orElseThrow().records())
                .containsExactly("1 aspmx.l.google.com", "5 alt1.aspmx.l.google.com");
        assertThat(report.check(Kind.SPF).orElseThrow().message()).contains("2 DNS lookup(s)", "-all");
        assertThat(report.check(Kind.DKIM).orElseThrow().message()).contains("google: RSA 2048-bit key");
        assertThat(report.check(Kind.DMARC).orElseThrow().message()).contains("policy reject, reports to mailto:");
        assertThat(report.ok()).isTrue();
    }

    @Test
    void anEmptyDomainFailsEachCheckWithTheRecordToPublish() {
        dns.add("empty.test. 300 IN A 192.0.2.1");

        ReadinessReport report = readiness.check("empty.test");

        assertThat(report.checks()).extracting(ReadinessCheck::verdict).containsOnly(Verdict.FAIL);
        assertThat(report.check(Kind.SPF).orElseThrow().fix()).contains("v=spf1");
        assertThat(report.check(Kind.DMARC).orElseThrow().fix())
                .contains("_dmarc.empty.test", "v=DMARC1; p=quarantine");
        assertThat(report.check(Kind.DKIM).orElseThrow().message()).contains("the usual selectors");
        assertThat(report.ok()).isFalse();
        assertThat(report.toText()).contains("FAIL MX", "Fix:");
    }

    @Test
    void spfProblemsAreNamed() {
        dns.add("two.test. 300 IN TXT \"v=spf1 mx -all\"");
        dns.add("two.test. 300 IN TXT \"v=spf1 a -all\"");
        dns.add("open.test. 300 IN TXT \"v=spf1 mx +all\"");
        dns.add("typo.test. 300 IN TXT \"v=spf1 inclde:_spf.google.com ~all\"");
        dns.add("soft.test. 300 IN TXT \"v=spf1 mx ?all\"");
        StringBuilder chain = new StringBuilder("v=spf1");
        for (int i = 0; i < 11; i++) {
            dns.add("n" + i + ".spf.test. 300 IN TXT \"v=spf1 a ~all\"");
            chain.append(" include:n").append(i).append(".spf.test");
        }
        dns.add("deep.test. 300 IN TXT \"" + chain + " ~all\"");

        assertThat(spf("two.test")).satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(c.message()).contains("2 SPF records");
        });
        assertThat(spf("open.test").message()).contains("'+all' lets anyone");
        assertThat(spf("typo.test").message()).contains("'inclde:_spf.google.com' is not an SPF mechanism");
        assertThat(spf("soft.test").verdict()).isEqualTo(Verdict.WARN);
        assertThat(spf("deep.test")).satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(c.message()).contains("22 DNS lookups", "limit of 10");
        });
    }

    @Test
    void spfWithoutTheProvidersIncludeIsAWarning() {
        dns.add("m365.test. 300 IN MX 0 m365-test.mail.protection.outlook.com.");
        dns.add("m365.test. 300 IN TXT \"v=spf1 mx -all\"");

        ReadinessCheck spf = readiness.check("m365.test").check(Kind.SPF).orElseThrow();

        assertThat(spf.verdict()).isEqualTo(Verdict.WARN);
        assertThat(spf.message()).contains("does not include spf.protection.outlook.com");
    }

    @Test
    void dkimKeysAreJudgedByTypeAndLengthAndACnameIsFollowed() throws Exception {
        dns.add("m365.test. 300 IN MX 0 m365-test.mail.protection.outlook.com.");
        dns.add("selector1._domainkey.m365.test. 300 IN CNAME selector1-m365-test._domainkey.tenant.onmicrosoft.test.");
        dns.add(dkim("selector1-m365-test._domainkey.tenant.onmicrosoft.test.", 1024));
        dns.add("old._domainkey.revoked.test. 300 IN TXT \"v=DKIM1; k=rsa; p=\"");

        ReadinessCheck m365 = readiness.check("m365.test").check(Kind.DKIM).orElseThrow();
        ReadinessCheck revoked = readiness
                .check("revoked.test", java.util.List.of("old"))
                .check(Kind.DKIM)
                .orElseThrow();

        assertThat(m365.verdict()).isEqualTo(Verdict.WARN);
        assertThat(m365.message()).contains("selector1: RSA 1024-bit key");
        assertThat(revoked.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(revoked.message()).contains("revoked");
    }

    @Test
    void dmarcPolicyNoneAndAMissingReportAddressAreWarnings() {
        dns.add("_dmarc.watch.test. 300 IN TXT \"v=DMARC1; p=none; rua=mailto:d@watch.test\"");
        dns.add("_dmarc.blind.test. 300 IN TXT \"v=DMARC1; p=quarantine\"");

        ReadinessCheck watch = readiness.check("watch.test").check(Kind.DMARC).orElseThrow();
        ReadinessCheck blind = readiness.check("blind.test").check(Kind.DMARC).orElseThrow();

        assertThat(watch.verdict()).isEqualTo(Verdict.WARN);
        assertThat(watch.message()).contains("monitoring only");
        assertThat(blind.verdict()).isEqualTo(Verdict.WARN);
        assertThat(blind.fix()).contains("rua=mailto:dmarc-reports@blind.test");
    }

    @Test
    void aNonDomainIsRefusedWithTheFix() {
        assertThatThrownBy(() -> readiness.check("dana@acme")).hasMessageContaining("give the part after '@'");
    }

    private ReadinessCheck spf(String domain) {
        return readiness.check(domain).check(Kind.SPF).orElseThrow();
    }
}
