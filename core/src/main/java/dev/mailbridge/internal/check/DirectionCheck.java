package dev.mailbridge.internal.check;

import dev.mailbridge.Credentials;
import dev.mailbridge.EmailAddress;
import dev.mailbridge.Endpoint;
import dev.mailbridge.Phase;
import dev.mailbridge.Secret;
import dev.mailbridge.Security;
import dev.mailbridge.check.PhaseResult;
import dev.mailbridge.check.Problem;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.internal.diagnosis.Context;
import dev.mailbridge.internal.diagnosis.Diagnosis;
import dev.mailbridge.internal.net.CertificateVerdict;
import dev.mailbridge.internal.net.Connector;
import dev.mailbridge.internal.net.NetSettings;
import dev.mailbridge.internal.net.WireConnection;
import dev.mailbridge.internal.protocol.MailDialogue;
import dev.mailbridge.internal.protocol.ServerRefusal;
import dev.mailbridge.internal.text.Redactor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one direction phase by phase on one connection: DNS, TCP, TLS, greeting, capabilities, STARTTLS, login, and
 * folder access or sender. Stops at the first failure and diagnoses it. Never throws for a server's behaviour.
 */
final class DirectionCheck {
    private static final Logger LOG = LoggerFactory.getLogger(DirectionCheck.class);

    /** What one direction check found. */
    record Outcome(List<PhaseResult> phases, @Nullable Problem problem) {}

    private final NetSettings net;
    private final Context ctx;
    private final @Nullable Credentials credentials;
    private final @Nullable Consumer<PhaseResult> listener;
    private final @Nullable Duration limit;
    /** The socket in use now, for the limit's watchdog to close. */
    private volatile @Nullable Socket current;

    private volatile boolean overLimit;

    /**
     * @param credentials what to log in with, or {@code null} to stop after the greeting, capabilities, TLS and the
     *     check that a login the account's credential needs is offered (a probe that needs no secret)
     * @param limit how long the whole conversation may take, or {@code null} for no bound beyond the per-read timeouts:
     *     a probe's answer is due within its timeout, however many reads a STARTTLS upgrade needs
     */
    DirectionCheck(
            NetSettings net,
            Context ctx,
            @Nullable Credentials credentials,
            @Nullable Consumer<PhaseResult> listener,
            @Nullable Duration limit) {
        this.net = net;
        this.ctx = ctx;
        this.credentials = credentials;
        this.listener = listener;
        this.limit = limit;
    }

    Outcome run(String folder, EmailAddress address) {
        PhaseLog log = new PhaseLog(result -> {
            LOG.debug(
                    "{} {} {}: {} in {} ms - {}",
                    ctx.protocol(),
                    ctx.endpoint(),
                    result.phase(),
                    result.succeeded() ? "ok" : "FAILED",
                    result.duration().toMillis(),
                    result.detail());
            if (listener != null) {
                listener.accept(result);
            }
        });
        Endpoint endpoint = ctx.endpoint();
        String host = endpoint.asciiHost();
        CertificateVerdict verdict = new CertificateVerdict(host);
        Phase phase = Phase.DNS;
        Socket socket = null;
        WireConnection wire = null;
        Secret secret = null;
        ScheduledFuture<?> watchdog = limit == null
                ? null
                : net.watchdog().schedule(this::closeOverLimit, limit.toMillis(), TimeUnit.MILLISECONDS);
        try {
            log.start();
            List<InetAddress> addresses = Connector.resolve(net.dns(), host);
            log.succeeded(
                    phase,
                    "resolved to "
                            + addresses.stream()
                                    .map(InetAddress::getHostAddress)
                                    .collect(Collectors.joining(", ")));

            phase = Phase.TCP_CONNECT;
            log.start();
            socket = Connector.connect(addresses, endpoint.port(), net.connectTimeout(), net.readTimeout());
            current = socket;
            if (overLimit) {
                closeOverLimit();
            }
            log.succeeded(phase, "connected to " + socket.getInetAddress().getHostAddress() + ":" + endpoint.port());
            MailDialogue dialogue = Dialogues.forProtocol(ctx.protocol(), socket.getLocalAddress());

            if (endpoint.security() == Security.IMPLICIT_TLS) {
                phase = Phase.TLS_HANDSHAKE;
                log.start();
                socket = net.tls().handshake(socket, endpoint.port(), verdict);
                current = socket;
                wire = new WireConnection(socket, net.watchdog(), net.writeTimeout());
                log.succeeded(
                        phase,
                        wire.tlsDescription() + ", certificate valid for "
                                + String.join(", ", verdict.certificateNames()));
            } else {
                wire = new WireConnection(socket, net.watchdog(), net.writeTimeout());
            }

            phase = Phase.GREETING;
            log.start();
            String greeting = dialogue.readGreeting(wire);
            log.succeeded(phase, Redactor.oneLine(greeting, 200));

            phase = Phase.CAPABILITIES;
            log.start();
            Set<String> capabilities = dialogue.capabilities(wire);
            log.succeeded(phase, capabilities.isEmpty() ? "none announced" : String.join(" ", capabilities));

            if (endpoint.security() == Security.STARTTLS) {
                phase = Phase.STARTTLS;
                log.start();
                if (!dialogue.offersStartTls(capabilities)) {
                    Problem problem = new Problem(
                            ProblemCode.STARTTLS_NOT_OFFERED,
                            endpoint.host() + " port " + endpoint.port() + " does not offer STARTTLS",
                            null,
                            "Use IMPLICIT_TLS on port " + ctx.protocol().defaultPort(Security.IMPLICIT_TLS)
                                    + "; Mailbridge never continues in plaintext when STARTTLS was asked for.");
                    log.failed(phase, problem.message());
                    return new Outcome(log.results(), problem);
                }
                dialogue.requestStartTls(wire);
                wire.upgrade(net.tls(), endpoint.port(), verdict);
                capabilities = dialogue.capabilities(wire);
                log.succeeded(
                        phase,
                        wire.tlsDescription() + ", certificate valid for "
                                + String.join(", ", verdict.certificateNames()));
            }

            if (credentials == null) {
                // A probe: the port is an alternative only if this account's login could work there.
                String unavailable = dialogue.loginUnavailable(
                        capabilities, ctx.credentialKind() == Credentials.Kind.OAUTH2, wire.isEncrypted());
                dialogue.quit(wire);
                if (unavailable != null) {
                    Problem problem = Diagnosis.authUnavailable(ctx, unavailable, wire.isEncrypted());
                    log.start();
                    log.failed(Phase.AUTHENTICATION, problem.message());
                    return new Outcome(log.results(), problem);
                }
                return new Outcome(log.results(), null);
            }
            phase = Phase.AUTHENTICATION;
            log.start();
            try {
                secret = credentials.secretForNewConnection();
            } catch (IllegalStateException e) {
                Problem problem = Diagnosis.tokenUnavailable(ctx, e);
                log.failed(phase, problem.message());
                return new Outcome(log.results(), problem);
            }
            try {
                dialogue.authenticate(
                        wire, capabilities, ctx.username(), secret, credentials.kind() == Credentials.Kind.OAUTH2);
            } catch (MailDialogue.AuthMethodUnavailable e) {
                Problem problem = Diagnosis.authUnavailable(ctx, String.valueOf(e.getMessage()), wire.isEncrypted());
                log.failed(phase, problem.message());
                return new Outcome(log.results(), problem);
            }
            log.succeeded(phase, "logged in as " + ctx.username() + " with " + credentials.kind());

            phase = dialogue.accessPhase();
            log.start();
            String access = dialogue.access(wire, folder, address);
            log.succeeded(phase, access);
            dialogue.quit(wire);
            return new Outcome(log.results(), null);
        } catch (ServerRefusal refusal) {
            String reply = secret == null ? refusal.reply() : Redactor.scrub(refusal.reply(), secret);
            Problem problem = Diagnosis.refusal(ctx, phase, Redactor.oneLine(reply, 500));
            log.failed(phase, problem.message());
            return new Outcome(log.results(), problem);
        } catch (IOException failure) {
            Duration bound = limit;
            IOException seen = overLimit && bound != null
                    ? new SocketTimeoutException("no complete answer within " + bound.toMillis() + " ms")
                    : failure;
            Problem problem = Diagnosis.ioFailure(ctx, phase, seen, verdict);
            log.failed(phase, problem.message());
            return new Outcome(log.results(), problem);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            if (wire != null) {
                wire.close();
            } else if (socket != null) {
                closeQuietly(socket);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    /** The limit passed: close the connection, so the read in progress fails at once. */
    private void closeOverLimit() {
        overLimit = true;
        Socket socket = current;
        if (socket != null) {
            closeQuietly(socket);
        }
    }
}
