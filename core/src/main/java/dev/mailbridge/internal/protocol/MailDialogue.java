package dev.mailbridge.internal.protocol;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.Phase;
import dev.mailbridge.Protocol;
import dev.mailbridge.Secret;
import dev.mailbridge.internal.net.WireConnection;
import java.io.IOException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The few exchanges of one protocol that a connection check needs, phase by phase, so each phase can be timed and a
 * failure attributed to exactly one of them.
 */
public interface MailDialogue {
    /** The protocol spoken. */
    Protocol protocol();

    /** Reads the greeting and returns it; a refusal at the greeting is a {@link ServerRefusal}. */
    String readGreeting(WireConnection connection) throws IOException, ServerRefusal;

    /** Asks for the capabilities, upper case. */
    Set<String> capabilities(WireConnection connection) throws IOException, ServerRefusal;

    /** Whether {@code capabilities} offer the STARTTLS upgrade. */
    boolean offersStartTls(Set<String> capabilities);

    /** Sends the STARTTLS command and reads the go-ahead; the caller then upgrades the socket. */
    void requestStartTls(WireConnection connection) throws IOException, ServerRefusal;

    /**
     * Why a login with a password ({@code oauth2} false) or an OAuth2 token cannot work with these capabilities, or
     * {@code null} when a mechanism for it is offered. {@link #authenticate} refuses by the same rule, so a probe that
     * calls a port usable is right about the login.
     */
    @Nullable
    String loginUnavailable(Set<String> capabilities, boolean oauth2, boolean encrypted);

    /**
     * Logs in.
     *
     * @throws AuthMethodUnavailable when the server offers no mechanism usable here
     */
    void authenticate(
            WireConnection connection, Set<String> capabilities, String username, Secret secret, boolean oauth2)
            throws IOException, ServerRefusal, AuthMethodUnavailable;

    /** The phase {@link #access} belongs to. */
    Phase accessPhase();

    /** Proves access after login (opens the folder, reads the maildrop, proposes the sender); returns a detail. */
    String access(WireConnection connection, String folder, EmailAddress address) throws IOException, ServerRefusal;

    /** Ends the session politely; failures are ignored. */
    void quit(WireConnection connection);

    /** The server offers no login mechanism that may be used on this connection. */
    final class AuthMethodUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public AuthMethodUnavailable(String message) {
            super(message);
        }
    }
}
