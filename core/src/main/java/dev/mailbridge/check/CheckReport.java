package dev.mailbridge.check;

import dev.mailbridge.AuthenticationException;
import dev.mailbridge.ConnectionException;
import dev.mailbridge.Credentials;
import dev.mailbridge.EmailAddress;
import dev.mailbridge.Endpoint;
import dev.mailbridge.MailbridgeException;
import dev.mailbridge.Phase;
import dev.mailbridge.ServerResponseException;
import dev.mailbridge.TlsException;
import dev.mailbridge.internal.check.ReportJson;
import dev.mailbridge.internal.check.ReportText;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@link dev.mailbridge.MailboxClient#check}: each configured direction checked independently, and the
 * optional round trip. A failing server is reported here, never thrown.
 *
 * <p>{@link #toText()} is for a person, {@link #toJson()} for an application or a ticket system; the record components
 * are the structured value. None of them holds a password or token: settings are shown, secrets are not.
 *
 * @param address the mailbox checked
 * @param credentialKind the kind of credential used (never the credential)
 * @param profileId the provider profile the account came from, or {@code null}
 * @param incoming the incoming direction, or {@code null} when the account reads no mail
 * @param outgoing the outgoing direction, or {@code null} when the account sends no mail
 * @param roundTrip the round trip, or {@code null} when not asked for or not attempted
 * @param startedAt when the check started, by the client's clock
 * @param duration how long the whole check took
 */
public record CheckReport(
        EmailAddress address,
        Credentials.Kind credentialKind,
        @Nullable String profileId,
        @Nullable DirectionReport incoming,
        @Nullable DirectionReport outgoing,
        @Nullable RoundTripReport roundTrip,
        Instant startedAt,
        Duration duration) {

    /** Checks that nothing required is missing. */
    public CheckReport {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(credentialKind, "credentialKind");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
    }

    /** Whether every configured direction works and, if asked for, the round trip completed. */
    public boolean ok() {
        return (incoming == null || incoming.ok())
                && (outgoing == null || outgoing.ok())
                && (roundTrip == null || roundTrip.delivered());
    }

    /** The incoming direction, if the account reads mail. */
    public Optional<DirectionReport> incomingReport() {
        return Optional.ofNullable(incoming);
    }

    /** The outgoing direction, if the account sends mail. */
    public Optional<DirectionReport> outgoingReport() {
        return Optional.ofNullable(outgoing);
    }

    /** The round trip, if it was asked for and both directions worked. */
    public Optional<RoundTripReport> roundTripReport() {
        return Optional.ofNullable(roundTrip);
    }

    /** A plain-text report for a person or a support ticket. */
    public String toText() {
        return ReportText.render(this);
    }

    /** A JSON document with the same content, for applications and ticket systems. */
    public String toJson() {
        return ReportJson.render(this);
    }

    /**
     * Does nothing when {@link #ok()}; otherwise throws the exception for the first failure (incoming, outgoing, round
     * trip): {@link AuthenticationException}, {@link ConnectionException}, {@link TlsException} or {@link
     * ServerResponseException}, chosen by the problem's {@link ProblemCode#category()}.
     */
    public void throwIfFailed() {
        for (DirectionReport direction : new DirectionReport[] {incoming, outgoing}) {
            if (direction != null && direction.problem() != null) {
                Phase phase = direction.phases().isEmpty()
                        ? Phase.DNS
                        : direction.phases().get(direction.phases().size() - 1).phase();
                throw exceptionFor(direction.problem(), direction.endpoint(), phase, direction.protocol() + " ");
            }
        }
        if (roundTrip != null && roundTrip.problem() != null) {
            throw exceptionFor(roundTrip.problem(), null, Phase.ROUND_TRIP, "round trip ");
        }
    }

    private static MailbridgeException exceptionFor(
            Problem problem, @Nullable Endpoint endpoint, Phase phase, String what) {
        String message = what + (endpoint == null ? "" : endpoint + " ") + "failed at " + phase + ": "
                + problem.message() + " [" + problem.code() + "]";
        boolean retry = problem.code().isRetryable();
        return switch (problem.code().category()) {
            case CONNECTION -> new ConnectionException(message, endpoint, phase, problem.code(), retry, null);
            case TLS -> new TlsException(message, endpoint, phase, problem.code(), retry, null);
            case AUTHENTICATION -> new AuthenticationException(message, endpoint, phase, problem.code(), retry, null);
            case SERVER_RESPONSE, MESSAGE ->
                new ServerResponseException(message, endpoint, phase, problem.code(), retry, null);
        };
    }
}
