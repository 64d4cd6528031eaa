package dev.mailbridge.internal.diagnosis;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailbridgeException;
import dev.mailbridge.Phase;
import dev.mailbridge.Secret;

/** The secret for a new connection, or the diagnosed failure of the token source that should have given it. */
public final class Secrets {
    private Secrets() {}

    /**
     * The secret {@code credentials} present on a new connection.
     *
     * @throws MailbridgeException {@link dev.mailbridge.check.ProblemCode#TOKEN_UNAVAILABLE} when the token source
     *     failed or gave an unusable token; the source's message is not used, because it may describe the token
     */
    public static Secret forConnection(Credentials credentials, Context ctx, String what) {
        try {
            return credentials.secretForNewConnection();
        } catch (IllegalStateException e) {
            throw Diagnosis.exception(
                    Diagnosis.tokenUnavailable(ctx, e), ctx.endpoint(), Phase.AUTHENTICATION, what, null);
        }
    }
}
