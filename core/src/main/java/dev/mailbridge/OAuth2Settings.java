package dev.mailbridge;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where an application obtains OAuth2 tokens for a provider's mail protocols. Mailbridge does not run the OAuth2 flow
 * itself; it tells the application where to and presents the token it gets through {@link AccessTokenSource}.
 *
 * @param authorizationEndpoint where the user grants access
 * @param tokenEndpoint where codes and refresh tokens are exchanged for access tokens
 * @param scopes the scopes that grant IMAP, POP3 and SMTP access
 */
public record OAuth2Settings(URI authorizationEndpoint, URI tokenEndpoint, List<String> scopes) {
    /** Copies the scopes and checks that there is at least one. */
    public OAuth2Settings {
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        scopes = List.copyOf(scopes);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes is empty: name the scopes that grant mail access");
        }
    }
}
