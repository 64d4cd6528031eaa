package dev.mailbridge.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.MailbridgeException;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.TlsException;
import dev.mailbridge.TlsTrust;
import dev.mailbridge.check.CheckOptions;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.check.DirectionReport;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.sending.Identity;
import dev.mailbridge.sending.OutgoingEmail;
import dev.mailbridge.sending.SendReport;
import dev.mailbridge.testing.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The check, retrieval and sending fail closed and diagnose truly against the lab's Dovecot and Postfix: a certificate
 * for another name or from an unrelated CA on every TLS path Jakarta Mail takes (implicit TLS and STARTTLS, IMAP and
 * POP3), a proxy that strips STARTTLS from the server's offer, connections cut at many points of a real conversation,
 * and an OAuth2 token on a server that takes none.
 */
@Tag("interop")
class LabHardeningTest {
    static MailboxClient client;

    @BeforeAll
    static void labMustBeUp() {
        Lab.mustBeUp();
        client = Lab.client().build();
    }

    private static MailboxAccount incoming(Protocol protocol, String host, int port, Security security) {
        return Lab.dana().incoming(protocol, host, port, security).build();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"IMAP, 993, IMPLICIT_TLS", "IMAP, 143, STARTTLS", "POP3, 995, IMPLICIT_TLS", "POP3, 110, STARTTLS"})
    void retrievalRefusesACertificateForAnotherName(Protocol protocol, int port, Security security) {
        List<String> handled = new ArrayList<>();

        assertThatThrownBy(() -> client.retrieve(
                        incoming(protocol, Lab.OTHER_HOST, port, security),
                        Retrieval.newBuilder().build(),
                        m -> handled.add(m.subject())))
                .isInstanceOfSatisfying(TlsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.CERTIFICATE_NAME_MISMATCH);
                    assertThat(e.getMessage()).contains("mail.lab.test").doesNotContain("127.0.0.1 or");
                });
        assertThat(handled).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"IMAP, 993, IMPLICIT_TLS", "IMAP, 143, STARTTLS", "POP3, 995, IMPLICIT_TLS", "POP3, 110, STARTTLS"})
    void retrievalRefusesAnUnrelatedTrustAnchor(Protocol protocol, int port, Security security) {
        MailboxClient publicCas = Lab.client().tlsTrust(TlsTrust.system()).build();

        assertThatThrownBy(() -> publicCas.retrieve(
                        incoming(protocol, Lab.HOST, port, security),
                        Retrieval.newBuilder().build(),
                        m -> {}))
                .isInstanceOfSatisfying(
                        TlsException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.CERTIFICATE_UNTRUSTED));
    }

    @Test
    void aSentCopyIsNeverAppendedThroughACertificateForAnotherName() {
        MailboxAccount account =
                Lab.dana().imap(Lab.OTHER_HOST, 993, Security.IMPLICIT_TLS).build();

        SendReport report = client.send(
                Identity.of(account),
                List.of(OutgoingEmail.newBuilder()
                        .to("chris@lab.test")
                        .subject("sent copy over a misnamed certificate")
                        .text("hello")
                        .build()));

        var copy = report.results().get(0).sentCopy();
        assertThat(copy.status()).isEqualTo(dev.mailbridge.sending.SentCopy.Status.FAILED);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"IMAP, 143", "POP3, 110", "SMTP, 587"})
    void aProxyThatStripsStartTlsNeverGetsTheLogin(Protocol protocol, int port) throws Exception {
        try (TcpProxy downgrade = TcpProxy.to(port).stripStartTls()) {
            MailboxAccount account = protocol == Protocol.SMTP
                    ? Lab.dana()
                            .smtp(Lab.HOST, downgrade.port(), Security.STARTTLS)
                            .build()
                    : incoming(protocol, Lab.HOST, downgrade.port(), Security.STARTTLS);

            CheckReport report = client.check(
                    account, CheckOptions.newBuilder().probeAlternatives(false).build());
            DirectionReport direction = protocol == Protocol.SMTP ? report.outgoing() : report.incoming();
            assertThat(direction.problem().code()).isEqualTo(ProblemCode.STARTTLS_NOT_OFFERED);

            if (protocol == Protocol.SMTP) {
                SendReport sent = client.send(
                        Identity.of(account),
                        List.of(OutgoingEmail.newBuilder()
                                .to("chris@lab.test")
                                .subject("downgraded")
                                .text("must not leave")
                                .build()));
                assertThat(sent.results().get(0).problem().orElseThrow().code())
                        .isEqualTo(ProblemCode.STARTTLS_NOT_OFFERED);
            } else {
                assertThatThrownBy(() ->
                                client.retrieve(account, Retrieval.newBuilder().build(), m -> {}))
                        .isInstanceOfSatisfying(
                                MailbridgeException.class,
                                e -> assertThat(e.code()).isEqualTo(ProblemCode.STARTTLS_NOT_OFFERED));
            }
            String sent = downgrade.clientBytes().toUpperCase(java.util.Locale.ROOT);
            assertThat(sent)
                    .as("nothing secret crossed the downgraded connection")
                    .doesNotContain("LOGIN")
                    .doesNotContain("PASS ")
                    .doesNotContain("AUTH ")
                    .doesNotContain("LAB-PASSWORD-1");
        }
    }

    /**
     * Cuts an IMAPS and a POP3S conversation at many points, from the TLS handshake to the mail transfer: the check
     * and retrieval name a lost connection (retryable), never a wrong password, and nothing but a Mailbridge exception
     * reaches the caller.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"IMAP, 993", "POP3, 995"})
    void aConnectionCutAnywhereIsALossNeverAWrongPassword(Protocol protocol, int port) throws Exception {
        Lab.seed("seen", 5);
        MailboxAccount box = Lab.box("seen")
                .incoming(protocol, Lab.HOST, port, Security.IMPLICIT_TLS)
                .build();
        int total;
        try (TcpProxy measure = TcpProxy.to(port)) {
            client.retrieve(
                    Lab.box("seen")
                            .incoming(protocol, Lab.HOST, measure.port(), Security.IMPLICIT_TLS)
                            .build(),
                    Retrieval.newBuilder()
                            .afterHandling(dev.mailbridge.retrieval.AfterHandling.leave())
                            .build(),
                    m -> {});
            total = measure.clientBytes().length();
        }
        assertThat(total).isGreaterThan(500);
        Set<ProblemCode> allowed =
                EnumSet.of(ProblemCode.CONNECTION_LOST, ProblemCode.TIMEOUT, ProblemCode.SERVER_UNAVAILABLE);
        MailboxClient fresh = Lab.client().readTimeout(Duration.ofSeconds(5)).build();
        for (int i = 1; i <= 16; i++) {
            long cut = (long) total * i / 17;
            try (TcpProxy cutter = TcpProxy.to(port).cutAfterClientBytes(cut)) {
                MailboxAccount account = box.toBuilder()
                        .incoming(protocol, Lab.HOST, cutter.port(), Security.IMPLICIT_TLS)
                        .build();
                CheckReport report = fresh.check(
                        account,
                        CheckOptions.newBuilder().probeAlternatives(false).build());
                if (!report.incoming().ok()) {
                    assertThat(report.incoming().problem().code())
                            .as("check cut after %d of %d bytes: %s", cut, total, report.toText())
                            .isIn(allowed);
                }
                try {
                    fresh.retrieve(account, Retrieval.newBuilder().build(), m -> {});
                } catch (MailbridgeException e) {
                    assertThat(e.code())
                            .as("retrieval cut after %d of %d bytes: %s", cut, total, e.getMessage())
                            .isIn(allowed);
                    assertThat(e.isRetryable()).isTrue();
                }
            }
        }
    }

    @Test
    void anOAuth2TokenOnDovecotIsNotToldToUseAPortThatTakesNoTokenEither() {
        MailboxAccount account =
                Lab.dana().credentials(Credentials.oauth2(() -> "ya29.a-token")).build();

        CheckReport report = client.check(account);

        DirectionReport incoming = report.incoming();
        assertThat(incoming.problem().code()).isEqualTo(ProblemCode.AUTH_METHOD_UNAVAILABLE);
        assertThat(incoming.alternatives()).isNotEmpty().noneMatch(a -> a.works());
        assertThat(incoming.problem().fix()).doesNotContain("Use port");
    }

    @Test
    void aWrongPortWithAPasswordIsToldOnlyOfPortsThatOfferLogin() {
        // SMTP pointed at the second Dovecot's IMAP port: Postfix answers on 587 (STARTTLS, AUTH after TLS) and 465;
        // nothing listens on 25. The probe may name only ports where a password login is offered.
        MailboxAccount account =
                Lab.dana().smtp(Lab.HOST, 10143, Security.STARTTLS).build();

        CheckReport report = client.check(account);

        DirectionReport outgoing = report.outgoing();
        assertThat(outgoing.ok()).isFalse();
        assertThat(outgoing.alternatives()).anyMatch(a -> a.works());
        assertThat(outgoing.alternatives())
                .filteredOn(a -> a.works())
                .allMatch(a -> a.endpoint().port() == 465 || a.endpoint().port() == 587);
    }

    @Test
    void aPortThatNeverAnswersCostsTheReadTimeoutPlusOneProbeAndNamesDovecotsRealPort() throws Exception {
        try (TcpProxy silent = TcpProxy.silent()) {
            MailboxClient quick =
                    Lab.client().readTimeout(Duration.ofSeconds(2)).build();
            MailboxAccount account =
                    Lab.dana().imap(Lab.HOST, silent.port(), Security.STARTTLS).build();
            CheckOptions options = CheckOptions.newBuilder()
                    .probeTimeout(Duration.ofSeconds(2))
                    .build();

            long started = System.nanoTime();
            CheckReport report = quick.check(account, options);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(report.incoming().problem().code()).isEqualTo(ProblemCode.TIMEOUT);
            assertThat(report.incoming().problem().fix()).startsWith("Use port 993 with IMPLICIT_TLS");
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }
    }
}
