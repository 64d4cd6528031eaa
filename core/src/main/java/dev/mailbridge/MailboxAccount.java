package dev.mailbridge;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One connected mailbox: its address and display name, where its mail is read from (IMAP or POP3), where it sends
 * through (SMTP), the one credential used for both, and the {@link ProviderProfile} it came from, if any.
 *
 * <pre>{@code
 * MailboxAccount account = MailboxAccount.newBuilder()
 *         .address("dana@acme.com")
 *         .displayName("Dana at Acme")
 *         .imap("mail.acme.com", 993, Security.IMPLICIT_TLS)
 *         .smtp("mail.acme.com", 465, Security.IMPLICIT_TLS)
 *         .credentials(Credentials.appPassword("abcd efgh ijkl mnop"))
 *         .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} checks everything at once and throws an {@link InvalidSettingsException} listing every
 * problem, each naming the field and the fix. Immutable and thread-safe; {@link #toString()} never shows the secret.
 */
public final class MailboxAccount {
    private final EmailAddress address;
    private final @Nullable String displayName;
    private final @Nullable IncomingServer incoming;
    private final @Nullable OutgoingServer outgoing;
    private final Credentials credentials;
    private final @Nullable ProviderProfile profile;
    private final boolean unencryptedAllowed;
    private final boolean credentialsInClearAllowed;
    private final Set<EmailAddress> sendAsAliases;

    private MailboxAccount(AccountValidation.Result valid, Builder b) {
        this.address = valid.address();
        this.displayName = b.displayName;
        this.incoming = valid.incoming();
        this.outgoing = valid.outgoing();
        this.credentials = valid.credentials();
        this.profile = b.profile;
        this.unencryptedAllowed = b.unencryptedAllowed;
        this.credentialsInClearAllowed = b.credentialsInClearAllowed;
        this.sendAsAliases = valid.sendAsAliases();
    }

    /** Starts an account. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder holding this account's values, to derive a variant (say, after the user fixed a port). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.address = address.toString();
        b.displayName = displayName;
        // Usernames that were only derived from the address stay derived, so a variant with another address logs in
        // as that address rather than as this one.
        String derived = (profile == null ? UsernameForm.EMAIL_ADDRESS : profile.usernameForm()).usernameFor(address);
        if (incoming != null) {
            b.incomingProtocol = incoming.protocol();
            b.incomingEndpoint = AccountValidation.raw(incoming.endpoint());
            if (!incoming.username().equals(derived)) {
                b.incomingUsername = incoming.username();
            }
        }
        if (outgoing != null) {
            b.outgoingEndpoint = AccountValidation.raw(outgoing.endpoint());
            String incomingName = b.incomingUsername != null ? b.incomingUsername : derived;
            if (!outgoing.username().equals(incomingName)) {
                b.outgoingUsername = outgoing.username();
            }
        }
        b.credentials = credentials;
        b.profile = profile;
        b.unencryptedAllowed = unencryptedAllowed;
        b.credentialsInClearAllowed = credentialsInClearAllowed;
        for (EmailAddress alias : sendAsAliases) {
            b.sendAsAliases.add(alias.toString());
        }
        return b;
    }

    /** The mailbox address. */
    public EmailAddress address() {
        return address;
    }

    /** The name shown to recipients, if set. */
    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    /** Where mail is read from, if this account reads mail. */
    public Optional<IncomingServer> incoming() {
        return Optional.ofNullable(incoming);
    }

    /** Where mail is sent through, if this account sends mail. */
    public Optional<OutgoingServer> outgoing() {
        return Optional.ofNullable(outgoing);
    }

    /** The credential used for both directions. */
    public Credentials credentials() {
        return credentials;
    }

    /** The provider this account was set up from, if any. */
    public Optional<ProviderProfile> profile() {
        return Optional.ofNullable(profile);
    }

    /**
     * Other addresses this mailbox may send as, declared by the application because the provider has them configured
     * (a Gmail "send mail as" address, an Exchange alias). Sending from any other address is refused.
     */
    public Set<EmailAddress> sendAsAliases() {
        return sendAsAliases;
    }

    /** Whether the account opted in to connections without encryption. */
    public boolean allowsUnencryptedConnections() {
        return unencryptedAllowed;
    }

    /** Whether the account opted in to sending its password or token over an unencrypted connection. */
    public boolean allowsCredentialsOverUnencryptedConnections() {
        return credentialsInClearAllowed;
    }

    /** Address, servers, usernames, credential kind and profile; never the secret. */
    @Override
    public String toString() {
        return "MailboxAccount[" + address
                + (incoming == null
                        ? ""
                        : ", incoming=" + incoming.protocol() + " " + incoming.endpoint() + " as "
                                + incoming.username())
                + (outgoing == null ? "" : ", outgoing=SMTP " + outgoing.endpoint() + " as " + outgoing.username())
                + ", credentials=" + credentials.kind()
                + (profile == null ? "" : ", profile=" + profile.id())
                + "]";
    }

    /**
     * Builds a {@link MailboxAccount}. Setters only record; {@link #build()} checks everything together, so one call
     * reports every mistake.
     */
    public static final class Builder {
        @Nullable
        String address;

        @Nullable
        String displayName;

        @Nullable
        Protocol incomingProtocol;

        AccountValidation.@Nullable RawEndpoint incomingEndpoint;

        @Nullable
        String incomingUsername;

        AccountValidation.@Nullable RawEndpoint outgoingEndpoint;

        @Nullable
        String outgoingUsername;

        @Nullable
        Credentials credentials;

        @Nullable
        ProviderProfile profile;

        boolean unencryptedAllowed;
        boolean credentialsInClearAllowed;
        final Set<String> sendAsAliases = new LinkedHashSet<>();

        private Builder() {}

        /** The mailbox address, such as {@code dana@acme.com}. Required. */
        public Builder address(String address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The name recipients see, such as {@code Dana at Acme}. */
        public Builder displayName(String displayName) {
            this.displayName = Objects.requireNonNull(displayName, "displayName");
            return this;
        }

        /**
         * Declares addresses this mailbox may also send as, such as {@code sales@acme.com} on {@code dana@acme.com}'s
         * mailbox. Declare only aliases the provider has configured: others are rewritten or refused by the server.
         */
        public Builder sendAsAliases(String... aliases) {
            for (String alias : aliases) {
                sendAsAliases.add(Objects.requireNonNull(alias, "alias"));
            }
            return this;
        }

        /** Reads mail over IMAP from {@code host:port}. */
        public Builder imap(String host, int port, Security security) {
            return incoming(Protocol.IMAP, host, port, security);
        }

        /** Reads mail over POP3 from {@code host:port}. */
        public Builder pop3(String host, int port, Security security) {
            return incoming(Protocol.POP3, host, port, security);
        }

        /** Reads mail over {@code protocol} (IMAP or POP3) from {@code host:port}. */
        public Builder incoming(Protocol protocol, String host, int port, Security security) {
            this.incomingProtocol = Objects.requireNonNull(protocol, "protocol");
            this.incomingEndpoint = new AccountValidation.RawEndpoint(
                    Objects.requireNonNull(host, "host"), port, Objects.requireNonNull(security, "security"));
            return this;
        }

        /** Sends mail over SMTP submission through {@code host:port}. */
        public Builder smtp(String host, int port, Security security) {
            this.outgoingEndpoint = new AccountValidation.RawEndpoint(
                    Objects.requireNonNull(host, "host"), port, Objects.requireNonNull(security, "security"));
            return this;
        }

        /** The login name for the incoming server; by default the profile's form, else the full address. */
        public Builder incomingUsername(String username) {
            this.incomingUsername = Objects.requireNonNull(username, "username");
            return this;
        }

        /** The login name for the outgoing server; by default the same as incoming. */
        public Builder outgoingUsername(String username) {
            this.outgoingUsername = Objects.requireNonNull(username, "username");
            return this;
        }

        /** The credential for both directions. Required. */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * Uses a provider's profile: servers not set explicitly come from its preferred endpoints (IMAP unless {@link
         * #incoming} chose POP3 or the provider has no IMAP), usernames from its username form, and the connection
         * check's advice from its knowledge.
         */
        public Builder profile(ProviderProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * Uses POP3 instead of IMAP from the profile's servers. Only meaningful together with {@link
         * #profile(ProviderProfile)} when no incoming server is set explicitly.
         */
        public Builder preferPop3() {
            if (incomingEndpoint == null) {
                this.incomingProtocol = Protocol.POP3;
            }
            return this;
        }

        /**
         * Allows {@link Security#NONE} endpoints. Everything on such a connection, including mail contents, can be
         * read and changed by anyone on the network path. Credentials still need {@link
         * #allowCredentialsOverUnencryptedConnections()}.
         */
        public Builder allowUnencryptedConnections() {
            this.unencryptedAllowed = true;
            return this;
        }

        /**
         * Allows sending the password or token over a {@link Security#NONE} connection, where anyone on the network
         * path can read it. Only for servers that offer nothing better (some shared hosts on their plaintext ports).
         */
        public Builder allowCredentialsOverUnencryptedConnections() {
            this.credentialsInClearAllowed = true;
            return this;
        }

        /**
         * Checks every setting and builds the account.
         *
         * @throws InvalidSettingsException listing every problem, each naming the field and the fix
         */
        public MailboxAccount build() {
            AccountValidation.Result valid = AccountValidation.validate(this);
            return new MailboxAccount(valid, this);
        }
    }
}
