package dev.mailbridge;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one credential a mailbox uses for both incoming and outgoing mail: a password, an app password, or an OAuth2
 * access-token source.
 *
 * <p>Which kind it is matters to diagnosis: a rejected plain password at a provider that requires app passwords is
 * reported as {@link dev.mailbridge.check.ProblemCode#APP_PASSWORD_REQUIRED} with the page where the user makes one.
 */
public final class Credentials {
    /** What kind of credential this is. */
    public enum Kind {
        /** The mailbox's normal password. */
        PASSWORD,
        /** A password generated for one application (Google, Microsoft, Yahoo, Apple, Zoho...). */
        APP_PASSWORD,
        /** An OAuth2 access token, presented with SASL XOAUTH2. */
        OAUTH2
    }

    private final Kind kind;
    private final Supplier<Secret> source;

    private Credentials(Kind kind, Supplier<Secret> source) {
        this.kind = kind;
        this.source = source;
    }

    /**
     * The mailbox's password, exactly as given (spaces included).
     *
     * @throws IllegalArgumentException if it is empty or holds CR, LF or NUL, which no server accepts and which would
     *     end a protocol command early
     */
    public static Credentials password(String password) {
        Objects.requireNonNull(password, "password");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("password is empty: give the mailbox password");
        }
        ControlCharacters.refuse("password", password);
        Secret secret = Secret.of(password);
        return new Credentials(Kind.PASSWORD, () -> secret);
    }

    /**
     * An app password. Spaces and line breaks are removed, because providers show app passwords in groups ({@code abcd
     * efgh ijkl mnop}) and users paste them that way; no provider's app password contains a space. Leading and
     * trailing line breaks are removed too; one inside the value is refused, as is NUL.
     */
    public static Credentials appPassword(String appPassword) {
        Objects.requireNonNull(appPassword, "appPassword");
        ControlCharacters.refuse("appPassword", appPassword.strip());
        String compact = appPassword.replaceAll("[\\s\\u00A0\\u2007\\u202F]", "");
        if (compact.isEmpty()) {
            throw new IllegalArgumentException("appPassword is empty: paste the app password the provider showed you");
        }
        Secret secret = Secret.of(compact);
        return new Credentials(Kind.APP_PASSWORD, () -> secret);
    }

    /** An OAuth2 access-token source, asked again at every physical connection. */
    public static Credentials oauth2(AccessTokenSource tokenSource) {
        Objects.requireNonNull(tokenSource, "tokenSource");
        return new Credentials(Kind.OAUTH2, () -> fetchToken(tokenSource));
    }

    /** What kind of credential this is. */
    public Kind kind() {
        return kind;
    }

    /**
     * The secret to present on a new connection: the password, or a fresh token from the source.
     *
     * @throws IllegalStateException if the token source fails or returns a blank token; the message never holds a
     *     token
     */
    public Secret secretForNewConnection() {
        return source.get();
    }

    private static Secret fetchToken(AccessTokenSource tokenSource) {
        String token;
        try {
            token = tokenSource.accessToken();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "the access-token source failed (" + e.getClass().getSimpleName() + ")", e);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("the access-token source returned no token");
        }
        String problem = ControlCharacters.problemWith("access token", token.strip());
        if (problem != null) {
            throw new IllegalStateException("the access-token source returned an unusable token: " + problem);
        }
        return Secret.of(token.strip());
    }

    /** The kind, never the secret. */
    @Override
    public String toString() {
        return "Credentials[" + kind + ", secret redacted]";
    }
}
