package dev.mailbridge.sending;

import dev.mailbridge.Credentials;
import dev.mailbridge.EmailAddress;
import dev.mailbridge.Endpoint;
import dev.mailbridge.InvalidSettingsException;
import dev.mailbridge.OutgoingServer;
import dev.mailbridge.ProviderProfile;
import dev.mailbridge.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A system-wide SMTP server that sends for many mailboxes (a helpdesk's "system default" outgoing server), used instead
 * of a mailbox's own SMTP server by {@link Identity.Builder#via(SharedSmtp)}.
 *
 * <p>The envelope sender (where bounces go) is the shared server's {@link #envelopeSender()} when one is set, so bounces
 * reach the system; the From header stays the identity's. A server that only sends as its own login ({@link
 * Builder#fromMustMatchLogin(boolean)}, set by {@link Builder#profile(ProviderProfile)} for Gmail and Microsoft 365)
 * makes an identity with another From address fail when it is built, before anything is sent.
 *
 * <pre>{@code
 * SharedSmtp system = SharedSmtp.newBuilder()
 *         .smtp("smtp.relay.example", 587, Security.STARTTLS)
 *         .username("helpdesk@acme.com")
 *         .credentials(Credentials.password(secret))
 *         .envelopeSender("bounces@acme.com")
 *         .build();
 * }</pre>
 */
public final class SharedSmtp {
    private final OutgoingServer server;
    private final Credentials credentials;
    private final @Nullable EmailAddress envelopeSender;
    private final boolean fromMustMatchLogin;
    private final boolean credentialsInClearAllowed;

    private SharedSmtp(
            OutgoingServer server,
            Credentials credentials,
            @Nullable EmailAddress envelopeSender,
            boolean fromMustMatchLogin,
            boolean credentialsInClearAllowed) {
        this.server = server;
        this.credentials = credentials;
        this.envelopeSender = envelopeSender;
        this.fromMustMatchLogin = fromMustMatchLogin;
        this.credentialsInClearAllowed = credentialsInClearAllowed;
    }

    /** Starts a shared server. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The server and its login name. */
    public OutgoingServer server() {
        return server;
    }

    /** How the shared server logs in. */
    public Credentials credentials() {
        return credentials;
    }

    /** The bounce address used as the SMTP envelope sender, if set. */
    public Optional<EmailAddress> envelopeSender() {
        return Optional.ofNullable(envelopeSender);
    }

    /** Whether the server sends only as its login's address. */
    public boolean fromMustMatchLogin() {
        return fromMustMatchLogin;
    }

    /** Whether the login may travel over a connection without TLS. */
    public boolean allowsCredentialsOverUnencryptedConnections() {
        return credentialsInClearAllowed;
    }

    /** Server and login; never the secret. */
    @Override
    public String toString() {
        return "SharedSmtp[" + server.endpoint() + " as " + server.username() + ", credentials=" + credentials.kind()
                + "]";
    }

    /** Builds a {@link SharedSmtp}; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private @Nullable String host;
        private int port;
        private @Nullable Security security;
        private @Nullable String username;
        private @Nullable Credentials credentials;
        private @Nullable String envelopeSender;
        private boolean fromMustMatchLogin;
        private boolean credentialsInClearAllowed;

        private Builder() {}

        /** Where the server listens. Required. */
        public Builder smtp(String host, int port, Security security) {
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** The login name. Required. */
        public Builder username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        /** How to log in. Required. */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The bounce address for the SMTP envelope; the identity's From address unless set. */
        public Builder envelopeSender(String address) {
            this.envelopeSender = Objects.requireNonNull(address, "envelopeSender");
            return this;
        }

        /** The server sends only as its login's address (it refuses or rewrites any other From). */
        public Builder fromMustMatchLogin(boolean value) {
            this.fromMustMatchLogin = value;
            return this;
        }

        /** Takes the provider's sending rules, such as Gmail's "From must be the login". */
        public Builder profile(ProviderProfile profile) {
            this.fromMustMatchLogin = Objects.requireNonNull(profile, "profile").fromMustMatchLogin();
            return this;
        }

        /** Allows the login over a connection without TLS; only for a server on a trusted local network. */
        public Builder allowCredentialsOverUnencryptedConnections() {
            this.credentialsInClearAllowed = true;
            return this;
        }

        /**
         * Checks everything and builds.
         *
         * @throws InvalidSettingsException listing every problem
         */
        public SharedSmtp build() {
            List<String> problems = new ArrayList<>();
            Endpoint endpoint = null;
            if (host == null || security == null) {
                problems.add("server is missing: call smtp(host, port, security)");
            } else {
                try {
                    endpoint = new Endpoint(host, port, security);
                } catch (IllegalArgumentException e) {
                    problems.add("smtp: " + e.getMessage());
                }
                if (security == Security.NONE && !credentialsInClearAllowed) {
                    problems.add("smtp: " + host + ":" + port + " is unencrypted and the login would travel in clear:"
                            + " use port 465 (IMPLICIT_TLS) or 587 (STARTTLS), or call"
                            + " allowCredentialsOverUnencryptedConnections() for a trusted local relay");
                }
            }
            if (username == null || username.isBlank()) {
                problems.add("username is missing: call username(\"login@example.com\")");
            }
            if (credentials == null) {
                problems.add("credentials are missing: call credentials(Credentials.password(...))");
            }
            EmailAddress bounce = null;
            if (envelopeSender != null) {
                try {
                    bounce = EmailAddress.of(envelopeSender);
                } catch (IllegalArgumentException e) {
                    problems.add("envelopeSender: " + e.getMessage());
                }
            }
            if (!problems.isEmpty() || endpoint == null || username == null || credentials == null) {
                throw new InvalidSettingsException("shared SMTP server", problems);
            }
            return new SharedSmtp(
                    new OutgoingServer(endpoint, username.strip()),
                    credentials,
                    bounce,
                    fromMustMatchLogin,
                    credentialsInClearAllowed);
        }
    }
}
