package dev.mailbridge.internal.diagnosis;

import dev.mailbridge.Credentials;
import dev.mailbridge.EmailAddress;
import dev.mailbridge.Endpoint;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.Protocol;
import dev.mailbridge.ProviderProfile;
import org.jspecify.annotations.Nullable;

/**
 * What a diagnosis needs to know about the connection that failed.
 *
 * @param protocol the protocol spoken
 * @param endpoint the server
 * @param username the login name
 * @param credentialKind the kind of credential presented
 * @param profile the provider the account came from, if any
 * @param address the mailbox's address, to suggest the other username form
 */
public record Context(
        Protocol protocol,
        Endpoint endpoint,
        String username,
        Credentials.Kind credentialKind,
        @Nullable ProviderProfile profile,
        @Nullable EmailAddress address) {

    /** The context of {@code account}'s connection to {@code endpoint} as {@code username}. */
    public static Context of(MailboxAccount account, Protocol protocol, Endpoint endpoint, String username) {
        return new Context(
                protocol,
                endpoint,
                username,
                account.credentials().kind(),
                account.profile().orElse(null),
                account.address());
    }

    /** The same connection to another endpoint, for probing alternatives. */
    public Context at(Endpoint other) {
        return new Context(protocol, other, username, credentialKind, profile, address);
    }

    /** The provider's name, or "the provider". */
    public String providerName() {
        return profile == null ? "the provider" : profile.displayName();
    }
}
