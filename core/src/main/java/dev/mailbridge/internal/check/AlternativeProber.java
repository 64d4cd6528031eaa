package dev.mailbridge.internal.check;

import dev.mailbridge.Credentials;
import dev.mailbridge.EmailAddress;
import dev.mailbridge.Endpoint;
import dev.mailbridge.Phase;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.check.AlternativeResult;
import dev.mailbridge.check.PhaseResult;
import dev.mailbridge.check.Problem;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.internal.diagnosis.Context;
import dev.mailbridge.internal.net.NetSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * After a port or TLS-mode problem, tries the protocol's standard ports (and the same port with the other TLS mode)
 * without credentials, in parallel, each bounded as a whole by the probe timeout, and says which could take this
 * account's login: a port that greets but offers no mechanism for the account's credential (XOAUTH2 for a token,
 * PLAIN or LOGIN for a password, after STARTTLS where that applies) is not an alternative.
 */
public final class AlternativeProber {
    /** Problems after which other ports are worth trying. */
    private static final Set<ProblemCode> WORTH_PROBING = EnumSet.of(
            ProblemCode.IMPLICIT_TLS_ON_PLAINTEXT_PORT,
            ProblemCode.PLAINTEXT_ON_IMPLICIT_TLS_PORT,
            ProblemCode.STARTTLS_NOT_OFFERED,
            ProblemCode.CONNECTION_REFUSED,
            ProblemCode.TIMEOUT,
            ProblemCode.PROTOCOL_ERROR,
            ProblemCode.TLS_HANDSHAKE_FAILED,
            ProblemCode.AUTH_METHOD_UNAVAILABLE);

    /** Phases where a lost connection says more about the port than about the network. */
    private static final Set<Phase> EARLY_PHASES =
            EnumSet.of(Phase.TLS_HANDSHAKE, Phase.GREETING, Phase.CAPABILITIES, Phase.STARTTLS);

    private final Function<Protocol, List<Protocol.PortSecurity>> standardPorts;

    /** Probes the protocol's standard ports. */
    public AlternativeProber() {
        this(Protocol::standardPorts);
    }

    /** Probes the ports {@code standardPorts} names; lets tests use unprivileged ports. */
    public AlternativeProber(Function<Protocol, List<Protocol.PortSecurity>> standardPorts) {
        this.standardPorts = standardPorts;
    }

    /** Whether {@code problem}, met at {@code phase}, makes other ports worth trying. */
    static boolean worthProbing(Problem problem, Phase phase) {
        return WORTH_PROBING.contains(problem.code())
                || (problem.code() == ProblemCode.CONNECTION_LOST && EARLY_PHASES.contains(phase));
    }

    /** Forks one probe per candidate; {@link Probes#results} waits for them. */
    Probes fork(NetSettings net, Context ctx, Duration timeout, Executor executor) {
        NetSettings quick = net.capped(timeout);
        List<ForkedTask<AlternativeResult>> probes = new ArrayList<>();
        for (Endpoint candidate : candidates(ctx.protocol(), ctx.endpoint())) {
            Context probeContext = ctx.at(candidate);
            probes.add(ForkedTask.fork(() -> probeOne(quick, probeContext, timeout), executor));
        }
        return new Probes(probes);
    }

    /** Probes under way. */
    static final class Probes {
        private final List<ForkedTask<AlternativeResult>> probes;

        private Probes(List<ForkedTask<AlternativeResult>> probes) {
            this.probes = probes;
        }

        List<AlternativeResult> results() {
            List<AlternativeResult> results = new ArrayList<>();
            for (ForkedTask<AlternativeResult> probe : probes) {
                results.add(probe.join());
            }
            return results;
        }
    }

    /**
     * Probes {@code endpoint} for {@code protocol} without credentials: connect, TLS, greeting, capabilities, the
     * STARTTLS upgrade when the endpoint asks for it, and whether password login is offered. Used by discovery to test
     * guessed servers. The whole probe takes at most the connect timeout plus the read timeout.
     */
    public static AlternativeResult probe(NetSettings net, Protocol protocol, Endpoint endpoint) {
        Context ctx = new Context(protocol, endpoint, "probe", Credentials.Kind.PASSWORD, null, null);
        return probeOne(net, ctx, net.connectTimeout().plus(net.readTimeout()));
    }

    private static AlternativeResult probeOne(NetSettings net, Context ctx, Duration limit) {
        DirectionCheck.Outcome outcome =
                new DirectionCheck(net, ctx, null, null, limit).run("INBOX", EmailAddress.of("probe@example.invalid"));
        Problem problem = outcome.problem();
        if (problem != null) {
            return new AlternativeResult(ctx.endpoint(), false, problem.message());
        }
        String greeting = "";
        String tls = "";
        for (PhaseResult phase : outcome.phases()) {
            switch (phase.phase()) {
                case GREETING -> greeting = phase.detail();
                case TLS_HANDSHAKE, STARTTLS -> tls = ", " + phase.detail();
                default -> {
                    // other phases add nothing to the one-line summary
                }
            }
        }
        return new AlternativeResult(ctx.endpoint(), true, "answered \"" + greeting + "\"" + tls + ", login offered");
    }

    /** The standard ports of the protocol and the same port with the other TLS mode, minus the one that failed. */
    Set<Endpoint> candidates(Protocol protocol, Endpoint failed) {
        Set<Endpoint> candidates = new LinkedHashSet<>();
        for (Protocol.PortSecurity ps : standardPorts.apply(protocol)) {
            candidates.add(new Endpoint(failed.host(), ps.port(), ps.security()));
        }
        if (failed.security() == Security.IMPLICIT_TLS) {
            candidates.add(new Endpoint(failed.host(), failed.port(), Security.STARTTLS));
        } else if (failed.security() == Security.STARTTLS) {
            candidates.add(new Endpoint(failed.host(), failed.port(), Security.IMPLICIT_TLS));
        }
        candidates.remove(failed);
        return candidates;
    }

    /** The problem with its fix led by the best working alternative, if one worked. */
    static Problem withAlternatives(Problem problem, List<AlternativeResult> results) {
        for (AlternativeResult result : results) {
            if (result.works()) {
                Endpoint e = result.endpoint();
                return new Problem(
                        problem.code(),
                        problem.message(),
                        problem.serverReply(),
                        "Use port " + e.port() + " with " + e.security() + ": it answered and offers the login this"
                                + " account needs. " + problem.fix());
            }
        }
        if (results.isEmpty()) {
            return problem;
        }
        return new Problem(
                problem.code(),
                problem.message(),
                problem.serverReply(),
                problem.fix() + " None of the standard ports offers this account's login either: check the host"
                        + " name.");
    }
}
