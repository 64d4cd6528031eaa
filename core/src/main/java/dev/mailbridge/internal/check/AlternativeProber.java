package dev.mailbridge.internal.check;

import dev.mailbridge.Credentials;
import dev.mailbridge.EmailAddress;
import dev.mailbridge.Endpoint;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.check.AlternativeResult;
import dev.mailbridge.check.PhaseResult;
import dev.mailbridge.check.Problem;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.internal.net.NetSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * After a port or TLS-mode problem, tries the protocol's standard ports (and the same port with the other TLS mode)
 * without credentials, in parallel, each with a short timeout, and says which answered.
 */
public final class AlternativeProber {
    /** Problems after which other ports are worth trying. */
    static final Set<ProblemCode> WORTH_PROBING = EnumSet.of(
            ProblemCode.IMPLICIT_TLS_ON_PLAINTEXT_PORT,
            ProblemCode.PLAINTEXT_ON_IMPLICIT_TLS_PORT,
            ProblemCode.STARTTLS_NOT_OFFERED,
            ProblemCode.CONNECTION_REFUSED,
            ProblemCode.TIMEOUT,
            ProblemCode.PROTOCOL_ERROR,
            ProblemCode.TLS_HANDSHAKE_FAILED,
            ProblemCode.AUTH_METHOD_UNAVAILABLE);

    private final Function<Protocol, List<Protocol.PortSecurity>> standardPorts;

    /** Probes the protocol's standard ports. */
    public AlternativeProber() {
        this(Protocol::standardPorts);
    }

    /** Probes the ports {@code standardPorts} names; lets tests use unprivileged ports. */
    public AlternativeProber(Function<Protocol, List<Protocol.PortSecurity>> standardPorts) {
        this.standardPorts = standardPorts;
    }

    List<AlternativeResult> probe(NetSettings net, Context ctx, Duration timeout, Executor executor) {
        NetSettings quick = net.capped(timeout);
        List<CompletableFuture<AlternativeResult>> futures = new ArrayList<>();
        for (Endpoint candidate : candidates(ctx.protocol(), ctx.endpoint())) {
            Context probeContext =
                    new Context(ctx.protocol(), candidate, ctx.username(), ctx.credentialKind(), ctx.profile());
            futures.add(CompletableFuture.supplyAsync(() -> probeOne(quick, probeContext), executor));
        }
        List<AlternativeResult> results = new ArrayList<>();
        for (CompletableFuture<AlternativeResult> future : futures) {
            results.add(future.join());
        }
        return results;
    }

    /**
     * Probes {@code endpoint} for {@code protocol} without credentials: connect, TLS, greeting, capabilities and the
     * STARTTLS upgrade when the endpoint asks for it. Used by discovery to test guessed servers.
     */
    public static AlternativeResult probe(NetSettings net, Protocol protocol, Endpoint endpoint) {
        return probeOne(net, new Context(protocol, endpoint, "probe", Credentials.Kind.PASSWORD, null));
    }

    private static AlternativeResult probeOne(NetSettings net, Context ctx) {
        DirectionCheck.Outcome outcome =
                new DirectionCheck(net, ctx, null, null).run("INBOX", EmailAddress.of("probe@example.invalid"));
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
        return new AlternativeResult(ctx.endpoint(), true, "answered \"" + greeting + "\"" + tls);
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
                        "Use port " + e.port() + " with " + e.security() + ": it answered. " + problem.fix());
            }
        }
        if (results.isEmpty()) {
            return problem;
        }
        return new Problem(
                problem.code(),
                problem.message(),
                problem.serverReply(),
                problem.fix() + " None of the standard ports answered either: check the host name.");
    }
}
