package dev.mailbridge.internal.check;

import dev.mailbridge.Credentials;
import dev.mailbridge.Endpoint;
import dev.mailbridge.Protocol;
import dev.mailbridge.ProviderProfile;
import org.jspecify.annotations.Nullable;

/**
 * What a diagnosis needs to know about the direction being checked.
 *
 * @param protocol the protocol spoken
 * @param endpoint the server
 * @param username the login name
 * @param credentialKind the kind of credential presented
 * @param profile the provider the account came from, if any
 */
record Context(
        Protocol protocol,
        Endpoint endpoint,
        String username,
        Credentials.Kind credentialKind,
        @Nullable ProviderProfile profile) {

    String providerName() {
        return profile == null ? "the provider" : profile.displayName();
    }
}
