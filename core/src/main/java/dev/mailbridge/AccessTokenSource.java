package dev.mailbridge;

/**
 * Supplies a current OAuth2 access token for XOAUTH2 authentication.
 *
 * <p>Mailbridge calls it at every physical connection, so a token that rotates needs no rebuilt account: return the
 * token your OAuth2 library holds now, refreshing it first when it is about to expire. Implementations must be
 * thread-safe. A thrown exception fails that connection with {@link dev.mailbridge.check.ProblemCode#TOKEN_UNAVAILABLE}
 * and is reported without its message text reaching the server.
 */
@FunctionalInterface
public interface AccessTokenSource {
    /** The access token to present now, never blank. */
    String accessToken();
}
