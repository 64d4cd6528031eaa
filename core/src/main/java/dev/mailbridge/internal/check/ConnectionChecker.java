package dev.mailbridge.internal.check;

import dev.mailbridge.Endpoint;
import dev.mailbridge.EventListener;
import dev.mailbridge.IncomingServer;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.OutgoingServer;
import dev.mailbridge.Protocol;
import dev.mailbridge.check.AlternativeResult;
import dev.mailbridge.check.CheckOptions;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.check.DirectionReport;
import dev.mailbridge.check.Problem;
import dev.mailbridge.check.RoundTripReport;
import dev.mailbridge.internal.jakarta.JakartaSessions;
import dev.mailbridge.internal.net.NetSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Runs a whole check: incoming and outgoing in parallel and independently, alternatives where a port or TLS-mode
 * problem suggests them, then the optional round trip.
 */
public final class ConnectionChecker {
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
        CompletableFuture<@Nullable DirectionReport> incoming = account.incoming()
                .map(server -> CompletableFuture.supplyAsync(() -> incoming(account, server, options), executor))
                .orElse(CompletableFuture.completedFuture(null));
        // The outgoing check runs on this thread while the incoming one runs on the executor.
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
                server.protocol(),
                server.endpoint(),
                server.username(),
                options);
    }

    private DirectionReport outgoing(MailboxAccount account, OutgoingServer server, CheckOptions options) {
        return direction(
                account,
                DirectionReport.Direction.OUTGOING,
                Protocol.SMTP,
                server.endpoint(),
                server.username(),
                options);
    }

    private DirectionReport direction(
            MailboxAccount account,
            DirectionReport.Direction direction,
            Protocol protocol,
            Endpoint endpoint,
            String username,
            CheckOptions options) {
        Context ctx = new Context(
                protocol,
                endpoint,
                username,
                account.credentials().kind(),
                account.profile().orElse(null));
        DirectionCheck.Outcome outcome = new DirectionCheck(
                        net, ctx, account.credentials(), phase -> listener.phaseEnded(account, direction, phase))
                .run(options.folder(), account.address());
        Problem problem = outcome.problem();
        List<AlternativeResult> alternatives = List.of();
        if (problem != null
                && options.probeAlternatives()
                && AlternativeProber.WORTH_PROBING.contains(problem.code())) {
            alternatives = prober.probe(net, ctx, options.probeTimeout(), executor);
            problem = AlternativeProber.withAlternatives(problem, alternatives);
        }
        return new DirectionReport(
                direction, ctx.protocol(), ctx.endpoint(), ctx.username(), outcome.phases(), problem, alternatives);
    }
}
