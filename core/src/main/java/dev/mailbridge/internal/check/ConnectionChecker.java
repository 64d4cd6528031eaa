package dev.mailbridge.internal.check;

import dev.mailbridge.Endpoint;
import dev.mailbridge.EventListener;
import dev.mailbridge.IncomingServer;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.OutgoingServer;
import dev.mailbridge.Phase;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.check.AlternativeResult;
import dev.mailbridge.check.CheckOptions;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.check.DirectionReport;
import dev.mailbridge.check.PhaseResult;
import dev.mailbridge.check.Problem;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.check.RoundTripReport;
import dev.mailbridge.internal.diagnosis.Context;
import dev.mailbridge.internal.jakarta.JakartaSessions;
import dev.mailbridge.internal.net.NetSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a whole check: incoming and outgoing in parallel and independently, alternatives where a port or TLS-mode
 * problem suggests them, then the optional round trip.
 */
public final class ConnectionChecker {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionChecker.class);

    private final NetSettings net;
    private final Executor executor;
    private final Clock clock;
    private final EventListener listener;
    private final AlternativeProber prober;
    private final JakartaSessions sessions;

    public ConnectionChecker(
            NetSettings net,
            Executor executor,
            Clock clock,
            EventListener listener,
            AlternativeProber prober,
            JakartaSessions sessions) {
        this.net = net;
        this.executor = executor;
        this.clock = clock;
        this.listener = listener;
        this.prober = prober;
        this.sessions = sessions;
    }

    public CheckReport check(MailboxAccount account, CheckOptions options) {
        Instant startedAt = clock.instant();
        long started = System.nanoTime();
        listener.checkStarted(account);
        ForkedTask<@Nullable DirectionReport> incoming = ForkedTask.fork(
                () -> account.incoming()
                        .map(server -> incoming(account, server, options))
                        .orElse(null),
                executor);
        // The outgoing check runs on this thread while the incoming one runs on the executor (or here, after it).
        DirectionReport outgoing = account.outgoing()
                .map(server -> outgoing(account, server, options))
                .orElse(null);
        DirectionReport incomingReport = incoming.join();

        RoundTripReport roundTrip = null;
        if (options.roundTrip() && incomingReport != null && outgoing != null && incomingReport.ok() && outgoing.ok()) {
            roundTrip = new RoundTrip(sessions, clock).run(account, options);
        }
        CheckReport report = new CheckReport(
                account.address(),
                account.credentials().kind(),
                account.profile().map(p -> p.id()).orElse(null),
                incomingReport,
                outgoing,
                roundTrip,
                startedAt,
                Duration.ofNanos(System.nanoTime() - started));
        listener.checkEnded(account, report);
        return report;
    }

    private DirectionReport incoming(MailboxAccount account, IncomingServer server, CheckOptions options) {
        return direction(
                account,
                DirectionReport.Direction.INCOMING,
                Context.of(account, server.protocol(), server.endpoint(), server.username()),
                options);
    }

    private DirectionReport outgoing(MailboxAccount account, OutgoingServer server, CheckOptions options) {
        return direction(
                account,
                DirectionReport.Direction.OUTGOING,
                Context.of(account, Protocol.SMTP, server.endpoint(), server.username()),
                options);
    }

    private DirectionReport direction(
            MailboxAccount account, DirectionReport.Direction direction, Context ctx, CheckOptions options) {
        DirectionCheck.Outcome outcome = runGuarded(account, direction, ctx, options);
        Problem problem = outcome.problem();
        List<AlternativeResult> alternatives = List.of();
        Phase failedAt = outcome.phases().isEmpty()
                ? Phase.DNS
                : outcome.phases().get(outcome.phases().size() - 1).phase();
        if (problem != null && options.probeAlternatives() && AlternativeProber.worthProbing(problem, failedAt)) {
            // A silent plaintext greeting may be a TLS port: ask the same port for a handshake while the alternatives
            // are probed, so the whole check stays within the read timeout plus one probe timeout.
            Endpoint endpoint = ctx.endpoint();
            boolean silentGreeting = problem.code() == ProblemCode.TIMEOUT
                    && failedAt == Phase.GREETING
                    && endpoint.security() != Security.IMPLICIT_TLS;
            ForkedTask<Boolean> speaksTls = silentGreeting
                    ? ForkedTask.fork(
                            () -> TlsProbe.speaksTls(
                                    net, endpoint.asciiHost(), endpoint.port(), options.probeTimeout()),
                            executor)
                    : null;
            AlternativeProber.Probes probes = prober.fork(net, ctx, options.probeTimeout(), executor);
            alternatives = probes.results();
            if (speaksTls != null && speaksTls.join()) {
                problem = new Problem(
                        ProblemCode.PLAINTEXT_ON_IMPLICIT_TLS_PORT,
                        "port " + endpoint.port() + " on " + endpoint.host() + " expects TLS from the first byte, but "
                                + endpoint.security() + " waits for a plaintext greeting",
                        null,
                        "Choose IMPLICIT_TLS for port " + endpoint.port() + ".");
            }
            problem = AlternativeProber.withAlternatives(problem, alternatives);
        }
        return new DirectionReport(
                direction, ctx.protocol(), ctx.endpoint(), ctx.username(), outcome.phases(), problem, alternatives);
    }

    /**
     * Runs the direction; a failure of code the application plugged in (its {@link dev.mailbridge.Dns}, its token
     * source) or of our own becomes the report's problem instead of escaping {@code check()}, which never throws for
     * what it finds.
     */
    private DirectionCheck.Outcome runGuarded(
            MailboxAccount account, DirectionReport.Direction direction, Context ctx, CheckOptions options) {
        List<PhaseResult> seen = new ArrayList<>();
        try {
            return new DirectionCheck(
                            net,
                            ctx,
                            account.credentials(),
                            phase -> {
                                seen.add(phase);
                                listener.phaseEnded(account, direction, phase);
                            },
                            null)
                    .run(options.folder(), account.address());
        } catch (RuntimeException e) {
            LOG.warn("the {} check of {} failed unexpectedly", direction, account.address(), e);
            Problem problem = new Problem(
                    ProblemCode.PROTOCOL_ERROR,
                    "the check stopped: " + e.getClass().getSimpleName() + " in "
                            + (seen.isEmpty()
                                    ? Phase.DNS
                                    : seen.get(seen.size() - 1).phase()),
                    null,
                    "This is a fault in Mailbridge or in code plugged into the client (its Dns, token source or event"
                            + " listener): the application log has the stack trace.");
            return new DirectionCheck.Outcome(List.copyOf(seen), problem);
        }
    }
}
