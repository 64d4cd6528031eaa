package dev.mailbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.mailbridge.check.CheckOptions;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.check.DirectionReport;
import dev.mailbridge.check.PhaseResult;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.sending.Identity;
import dev.mailbridge.sending.OutgoingEmail;
import dev.mailbridge.testing.TcpProxy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the check costs and what it survives: timeouts are the caller's (no fixed probe), code plugged into the client
 * that throws becomes a report item, a burst past the pool waits instead of failing, and nothing is printed to the
 * console.
 */
class CheckBoundsTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = GreenMailServers.extension();

    private static final Duration READ = Duration.ofMillis(800);
    private static final Duration PROBE = Duration.ofMillis(600);
    /** Scheduling, loopback connects and TLS set-up on a loaded two-core machine. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    private final List<TcpProxy> silentPorts = new ArrayList<>();

    @BeforeEach
    void user() {
        greenMail.setUser(GreenMailServers.ADDRESS, GreenMailServers.ADDRESS, GreenMailServers.PASSWORD);
    }

    @AfterEach
    void closePorts() throws Exception {
        for (TcpProxy port : silentPorts) {
            port.close();
        }
    }

    private TcpProxy silent() throws Exception {
        TcpProxy port = TcpProxy.silent();
        silentPorts.add(port);
        return port;
    }

    /** A client whose every "standard port" is silent too, so probes pay their full timeout. */
    private MailboxClient silentClient() throws Exception {
        return silentClient(READ);
    }

    private MailboxClient silentClient(Duration read) throws Exception {
        TcpProxy a = silent();
        TcpProxy b = silent();
        return GreenMailServers.client(greenMail).toBuilder()
                .readTimeout(read)
                .connectTimeout(read)
                .alternativePorts(protocol -> List.of(
                        new Protocol.PortSecurity(a.port(), Security.IMPLICIT_TLS),
                        new Protocol.PortSecurity(b.port(), Security.STARTTLS)))
                .build();
    }

    private MailboxAccount silentAccount(Security security) throws Exception {
        return GreenMailServers.account(greenMail)
                .imap("mail.mailbridge.test", silent().port(), security)
                .smtp("mail.mailbridge.test", silent().port(), security)
                .build();
    }

    @Test
    void aServerThatNeverSpeaksCostsTheReadTimeoutPlusOneProbeTimeout() throws Exception {
        MailboxClient client = silentClient();
        MailboxAccount account = silentAccount(Security.STARTTLS);
        CheckOptions options = CheckOptions.newBuilder().probeTimeout(PROBE).build();

        long started = System.nanoTime();
        CheckReport report = client.check(account, options);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(report.incoming().problem().code()).isEqualTo(ProblemCode.TIMEOUT);
        assertThat(report.incoming().alternatives()).isNotEmpty().noneMatch(a -> a.works());
        assertThat(took).isLessThan(READ.plus(PROBE).plus(SLACK));
    }

    @Test
    void probeAlternativesOffMeansNoProbeAtAll() throws Exception {
        MailboxClient client = silentClient();
        MailboxAccount account = silentAccount(Security.STARTTLS);
        CheckOptions options = CheckOptions.newBuilder()
                .probeAlternatives(false)
                .probeTimeout(Duration.ofSeconds(30))
                .build();

        long started = System.nanoTime();
        CheckReport report = client.check(account, options);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(report.incoming().problem().code()).isEqualTo(ProblemCode.TIMEOUT);
        assertThat(report.incoming().alternatives()).isEmpty();
        assertThat(took).isLessThan(READ.plus(SLACK));
    }

    @Test
    void aProbeIsBoundedByTheConnectAndReadTimeouts() throws Exception {
        MailboxClient client = silentClient();
        Endpoint endpoint = new Endpoint("mail.mailbridge.test", silent().port(), Security.STARTTLS);

        long started = System.nanoTime();
        var result = client.probe(Protocol.IMAP, endpoint);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.works()).isFalse();
        assertThat(took).isLessThan(READ.plus(READ).plus(SLACK));
    }

    @Test
    void aResolverThatThrowsBecomesAReportItem() {
        MailboxClient client = GreenMailServers.client(greenMail).toBuilder()
                .dns(host -> {
                    throw new IllegalStateException("resolver bug");
                })
                .build();

        CheckReport report = client.check(GreenMailServers.account(greenMail).build());

        assertThat(report.incoming().problem().code()).isEqualTo(ProblemCode.UNKNOWN_HOST);
        assertThat(report.incoming().problem().message()).contains("resolver failed");
        assertThat(report.outgoing().problem().code()).isEqualTo(ProblemCode.UNKNOWN_HOST);
    }

    @Test
    void aTokenSourceThatThrowsBecomesAReportItem() {
        MailboxAccount account = GreenMailServers.account(greenMail)
                .credentials(Credentials.oauth2(() -> {
                    throw new IllegalArgumentException("refresh token revoked: rt-1234");
                }))
                .build();

        CheckReport report = GreenMailServers.client(greenMail).check(account);

        assertThat(report.incoming().problem().code()).isEqualTo(ProblemCode.TOKEN_UNAVAILABLE);
        assertThat(report.toText()).contains("IllegalArgumentException").doesNotContain("rt-1234");
    }

    @Test
    void aListenerThatThrowsIsIgnoredAndTheCheckCompletes() {
        List<String> seen = new ArrayList<>();
        MailboxClient client = GreenMailServers.client(greenMail).toBuilder()
                .eventListener(new EventListener() {
                    @Override
                    public void checkStarted(MailboxAccount account) {
                        seen.add("started");
                        throw new IllegalStateException("listener bug");
                    }

                    @Override
                    public void phaseEnded(
                            MailboxAccount account, DirectionReport.Direction direction, PhaseResult phase) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .build();

        CheckReport report = client.check(GreenMailServers.account(greenMail).build());

        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(seen).containsExactly("started");
    }

    @Test
    void twoHundredConcurrentChecksOfASilentPortAllCompleteWithReports() throws Exception {
        // Each check holds a worker for the read timeout and forks probes onto the same pool of 64: far past its size.
        MailboxClient client = silentClient(Duration.ofMillis(300));
        MailboxAccount account = silentAccount(Security.STARTTLS);
        CheckOptions options =
                CheckOptions.newBuilder().probeTimeout(Duration.ofMillis(300)).build();

        List<CompletableFuture<CheckReport>> checks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            checks.add(client.checkAsync(account, options));
        }

        for (CompletableFuture<CheckReport> check : checks) {
            CheckReport report = check.get(2, TimeUnit.MINUTES);
            assertThat(report.incoming().problem().code()).isEqualTo(ProblemCode.TIMEOUT);
            assertThat(report.outgoing().problem().code()).isEqualTo(ProblemCode.TIMEOUT);
        }
    }

    @Test
    void theLibraryPrintsNothingToTheConsoleEvenWithTheWireLogOn() throws Exception {
        // simplelogger.properties sends the wire log (TRACE) to System.err; anything on System.out is printed by the
        // library or by Jakarta itself, such as the banner setDebug(true) writes when no debug stream is set yet.
        MailboxClient client = GreenMailServers.client(greenMail);
        MailboxAccount account = GreenMailServers.account(greenMail).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            client.check(
                    account,
                    CheckOptions.newBuilder().roundTrip(Duration.ofSeconds(20)).build());
            client.retrieve(account, Retrieval.newBuilder().build(), message -> {});
            client.send(
                    Identity.of(account),
                    OutgoingEmail.newBuilder()
                            .to("chris@mailbridge.test")
                            .subject("hi")
                            .text("hello")
                            .build());
        } finally {
            System.setOut(original);
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
