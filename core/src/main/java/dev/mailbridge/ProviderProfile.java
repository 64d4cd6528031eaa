package dev.mailbridge;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What Mailbridge knows about a mail provider that changes behaviour or advice: its servers (preferred first), the
 * username form, which credentials it accepts and when it insists on an app password, folder names by role, whether
 * deleting only archives, whether SMTP submission keeps a Sent copy by itself, and its limits.
 *
 * <p>The {@code mailbridge-providers} module ships profiles for Gmail, Microsoft 365, HostGator and others; an
 * application can describe its own provider with {@link #newBuilder(String, String)}. Immutable and thread-safe.
 */
public final class ProviderProfile {
    private final String id;
    private final String displayName;
    private final Set<String> domains;
    private final List<String> mxHostSuffixes;
    private final List<Endpoint> imapEndpoints;
    private final List<Endpoint> pop3Endpoints;
    private final List<Endpoint> smtpEndpoints;
    private final UsernameForm usernameForm;
    private final Set<Credentials.Kind> acceptedCredentials;
    private final AppPasswordPolicy appPasswordPolicy;
    private final @Nullable URI appPasswordPage;
    private final @Nullable URI enableMailProtocolsPage;
    private final @Nullable OAuth2Settings oauth2;
    private final Map<FolderRole, String> folderNames;
    private final boolean deleteOnlyRemovesLabel;
    private final boolean smtpKeepsSentCopy;
    private final boolean fromMustMatchLogin;
    private final @Nullable Integer maxConnections;
    private final @Nullable Integer messagesPerDay;
    private final @Nullable Integer recipientsPerMessage;
    private final List<URI> documentation;

    private ProviderProfile(Builder b) {
        this.id = b.id;
        this.displayName = b.displayName;
        this.domains = Set.copyOf(b.domains);
        this.mxHostSuffixes = List.copyOf(b.mxHostSuffixes);
        this.imapEndpoints = List.copyOf(b.imapEndpoints);
        this.pop3Endpoints = List.copyOf(b.pop3Endpoints);
        this.smtpEndpoints = List.copyOf(b.smtpEndpoints);
        this.usernameForm = b.usernameForm;
        this.acceptedCredentials = Set.copyOf(b.acceptedCredentials);
        this.appPasswordPolicy = b.appPasswordPolicy;
        this.appPasswordPage = b.appPasswordPage;
        this.enableMailProtocolsPage = b.enableMailProtocolsPage;
        this.oauth2 = b.oauth2;
        this.folderNames = Map.copyOf(b.folderNames);
        this.deleteOnlyRemovesLabel = b.deleteOnlyRemovesLabel;
        this.smtpKeepsSentCopy = b.smtpKeepsSentCopy;
        this.fromMustMatchLogin = b.fromMustMatchLogin;
        this.maxConnections = b.maxConnections;
        this.messagesPerDay = b.messagesPerDay;
        this.recipientsPerMessage = b.recipientsPerMessage;
        this.documentation = List.copyOf(b.documentation);
    }

    /**
     * Starts a profile.
     *
     * @param id a stable identifier, lower case, such as {@code gmail}
     * @param displayName the provider's name as users know it, such as {@code Gmail}
     */
    public static Builder newBuilder(String id, String displayName) {
        return new Builder(id, displayName);
    }

    /** A builder holding this profile's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder(id, displayName);
        b.domains.addAll(domains);
        b.mxHostSuffixes.addAll(mxHostSuffixes);
        b.imapEndpoints.addAll(imapEndpoints);
        b.pop3Endpoints.addAll(pop3Endpoints);
        b.smtpEndpoints.addAll(smtpEndpoints);
        b.usernameForm = usernameForm;
        b.acceptedCredentials.clear();
        b.acceptedCredentials.addAll(acceptedCredentials);
        b.appPasswordPolicy = appPasswordPolicy;
        b.appPasswordPage = appPasswordPage;
        b.enableMailProtocolsPage = enableMailProtocolsPage;
        b.oauth2 = oauth2;
        b.folderNames.putAll(folderNames);
        b.deleteOnlyRemovesLabel = deleteOnlyRemovesLabel;
        b.smtpKeepsSentCopy = smtpKeepsSentCopy;
        b.fromMustMatchLogin = fromMustMatchLogin;
        b.maxConnections = maxConnections;
        b.messagesPerDay = messagesPerDay;
        b.recipientsPerMessage = recipientsPerMessage;
        b.documentation.addAll(documentation);
        return b;
    }

    /** Stable identifier, such as {@code gmail}. */
    public String id() {
        return id;
    }

    /** The provider's name as users know it. */
    public String displayName() {
        return displayName;
    }

    /** Email domains hosted by this provider (lower-case Unicode form), such as {@code gmail.com}. */
    public Set<String> domains() {
        return domains;
    }

    /**
     * Suffixes of MX host names that identify this provider for custom domains, such as {@code .google.com} for Google
     * Workspace or {@code .mail.protection.outlook.com} for Microsoft 365.
     */
    public List<String> mxHostSuffixes() {
        return mxHostSuffixes;
    }

    /** IMAP servers, preferred first; empty when the provider offers no IMAP. */
    public List<Endpoint> imapEndpoints() {
        return imapEndpoints;
    }

    /** POP3 servers, preferred first; empty when the provider offers no POP3. */
    public List<Endpoint> pop3Endpoints() {
        return pop3Endpoints;
    }

    /** SMTP submission servers, preferred first. */
    public List<Endpoint> smtpEndpoints() {
        return smtpEndpoints;
    }

    /** The servers for {@code protocol}, preferred first. */
    public List<Endpoint> endpoints(Protocol protocol) {
        return switch (protocol) {
            case IMAP -> imapEndpoints;
            case POP3 -> pop3Endpoints;
            case SMTP -> smtpEndpoints;
        };
    }

    /** How the login name is written. */
    public UsernameForm usernameForm() {
        return usernameForm;
    }

    /** The credential kinds the provider accepts for mail protocols. */
    public Set<Credentials.Kind> acceptedCredentials() {
        return acceptedCredentials;
    }

    /** When the provider insists on an app password. */
    public AppPasswordPolicy appPasswordPolicy() {
        return appPasswordPolicy;
    }

    /** The page where a user makes an app password, if the provider has one. */
    public Optional<URI> appPasswordPage() {
        return Optional.ofNullable(appPasswordPage);
    }

    /** The page where a user must first enable IMAP/POP access, if the provider requires that. */
    public Optional<URI> enableMailProtocolsPage() {
        return Optional.ofNullable(enableMailProtocolsPage);
    }

    /** Where to obtain OAuth2 tokens, if the provider supports XOAUTH2. */
    public Optional<OAuth2Settings> oauth2() {
        return Optional.ofNullable(oauth2);
    }

    /** Folder names by role, as this provider spells them; roles not listed use the server's special-use flags. */
    public Map<FolderRole, String> folderNames() {
        return folderNames;
    }

    /** The folder name for {@code role}, if the profile knows it. */
    public Optional<String> folderName(FolderRole role) {
        return Optional.ofNullable(folderNames.get(role));
    }

    /**
     * Whether deleting a message from a folder only removes a label and leaves the message in the account (Gmail): a
     * real delete must move it to the {@link FolderRole#TRASH} folder.
     */
    public boolean deleteOnlyRemovesLabel() {
        return deleteOnlyRemovesLabel;
    }

    /** Whether SMTP submission stores a copy in the Sent folder by itself, so appending one would duplicate it. */
    public boolean smtpKeepsSentCopy() {
        return smtpKeepsSentCopy;
    }

    /**
     * Whether the SMTP server only sends with a From address that is the login's own address or an alias configured at
     * the provider: Microsoft 365 refuses anything else (SendAsDenied) and Gmail rewrites it. Mailbridge checks this
     * before sending, so the user learns it from a clear error instead of a bounce.
     */
    public boolean fromMustMatchLogin() {
        return fromMustMatchLogin;
    }

    /** Simultaneous IMAP connections the provider allows per mailbox, if known. */
    public OptionalInt maxConnections() {
        return optional(maxConnections);
    }

    /** Messages a mailbox may send per day, if known. */
    public OptionalInt messagesPerDay() {
        return optional(messagesPerDay);
    }

    /** Recipients one message may have, if known. */
    public OptionalInt recipientsPerMessage() {
        return optional(recipientsPerMessage);
    }

    /** The provider's own documentation of its mail settings. */
    public List<URI> documentation() {
        return documentation;
    }

    private static OptionalInt optional(@Nullable Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /** {@code ProviderProfile[gmail]}. */
    @Override
    public String toString() {
        return "ProviderProfile[" + id + "]";
    }

    /** Builds a {@link ProviderProfile}; every setter checks its value at once. */
    public static final class Builder {
        private final String id;
        private final String displayName;
        private final Set<String> domains = new LinkedHashSet<>();
        private final List<String> mxHostSuffixes = new ArrayList<>();
        private final List<Endpoint> imapEndpoints = new ArrayList<>();
        private final List<Endpoint> pop3Endpoints = new ArrayList<>();
        private final List<Endpoint> smtpEndpoints = new ArrayList<>();
        private UsernameForm usernameForm = UsernameForm.EMAIL_ADDRESS;
        private final Set<Credentials.Kind> acceptedCredentials =
                EnumSet.of(Credentials.Kind.PASSWORD, Credentials.Kind.APP_PASSWORD);
        private AppPasswordPolicy appPasswordPolicy = AppPasswordPolicy.NOT_NEEDED;
        private @Nullable URI appPasswordPage;
        private @Nullable URI enableMailProtocolsPage;
        private @Nullable OAuth2Settings oauth2;
        private final Map<FolderRole, String> folderNames = new EnumMap<>(FolderRole.class);
        private boolean deleteOnlyRemovesLabel;
        private boolean smtpKeepsSentCopy;
        private boolean fromMustMatchLogin;
        private @Nullable Integer maxConnections;
        private @Nullable Integer messagesPerDay;
        private @Nullable Integer recipientsPerMessage;
        private final List<URI> documentation = new ArrayList<>();

        private Builder(String id, String displayName) {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(displayName, "displayName");
            if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
                throw new IllegalArgumentException(
                        "id '" + id + "' must be lower-case letters, digits, '.', '_' or '-', such as 'acme-mail'");
            }
            if (displayName.isBlank()) {
                throw new IllegalArgumentException("displayName is blank");
            }
            this.id = id;
            this.displayName = displayName.strip();
        }

        /** Adds email domains this provider hosts. */
        public Builder domains(String... domains) {
            for (String domain : domains) {
                this.domains.add(EmailAddress.of("postmaster@" + domain).domain());
            }
            return this;
        }

        /** Adds MX host suffixes that identify this provider, such as {@code .google.com}. */
        public Builder mxHostSuffixes(String... suffixes) {
            for (String suffix : suffixes) {
                String s = suffix.strip().toLowerCase(Locale.ROOT);
                if (s.isEmpty()) {
                    throw new IllegalArgumentException("mxHostSuffixes: a suffix is blank");
                }
                mxHostSuffixes.add(s.endsWith(".") ? s.substring(0, s.length() - 1) : s);
            }
            return this;
        }

        /** Adds an IMAP server; the first added is preferred. */
        public Builder imap(String host, int port, Security security) {
            imapEndpoints.add(new Endpoint(host, port, security));
            return this;
        }

        /** Adds a POP3 server; the first added is preferred. */
        public Builder pop3(String host, int port, Security security) {
            pop3Endpoints.add(new Endpoint(host, port, security));
            return this;
        }

        /** Adds an SMTP submission server; the first added is preferred. */
        public Builder smtp(String host, int port, Security security) {
            smtpEndpoints.add(new Endpoint(host, port, security));
            return this;
        }

        /** How the login name is written; the whole address by default. */
        public Builder usernameForm(UsernameForm usernameForm) {
            this.usernameForm = Objects.requireNonNull(usernameForm, "usernameForm");
            return this;
        }

        /** The credential kinds accepted; password and app password by default. */
        public Builder acceptedCredentials(Credentials.Kind first, Credentials.Kind... rest) {
            acceptedCredentials.clear();
            acceptedCredentials.addAll(EnumSet.of(first, rest));
            return this;
        }

        /**
         * When the provider insists on an app password, and the page where users make one (required unless the policy
         * is {@link AppPasswordPolicy#NOT_NEEDED}).
         */
        public Builder appPasswords(AppPasswordPolicy policy, @Nullable URI page) {
            Objects.requireNonNull(policy, "policy");
            if (policy != AppPasswordPolicy.NOT_NEEDED && page == null) {
                throw new IllegalArgumentException(
                        "appPasswords: policy " + policy + " needs the page where users make an app password");
            }
            this.appPasswordPolicy = policy;
            this.appPasswordPage = page;
            return this;
        }

        /** The page where users must enable IMAP/POP before a mail client can connect. */
        public Builder enableMailProtocolsPage(URI page) {
            this.enableMailProtocolsPage = Objects.requireNonNull(page, "page");
            return this;
        }

        /** OAuth2 endpoints and scopes; also adds {@link Credentials.Kind#OAUTH2} to the accepted credentials. */
        public Builder oauth2(OAuth2Settings oauth2) {
            this.oauth2 = Objects.requireNonNull(oauth2, "oauth2");
            acceptedCredentials.add(Credentials.Kind.OAUTH2);
            return this;
        }

        /** The provider's name for a folder role. */
        public Builder folder(FolderRole role, String name) {
            Objects.requireNonNull(role, "role");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("folder name for " + role + " is blank");
            }
            folderNames.put(role, name);
            return this;
        }

        /** Deleting only removes a label (Gmail); delete must move to Trash. */
        public Builder deleteOnlyRemovesLabel(boolean value) {
            this.deleteOnlyRemovesLabel = value;
            return this;
        }

        /** SMTP submission stores the Sent copy itself (Gmail, Microsoft 365). */
        public Builder smtpKeepsSentCopy(boolean value) {
            this.smtpKeepsSentCopy = value;
            return this;
        }

        /** The SMTP server sends only as the login's address or an alias configured at the provider. */
        public Builder fromMustMatchLogin(boolean value) {
            this.fromMustMatchLogin = value;
            return this;
        }

        /** Simultaneous IMAP connections allowed per mailbox. */
        public Builder maxConnections(int value) {
            this.maxConnections = positive("maxConnections", value);
            return this;
        }

        /** Sending limits: messages per day and recipients per message. */
        public Builder sendingLimits(int messagesPerDay, int recipientsPerMessage) {
            this.messagesPerDay = positive("messagesPerDay", messagesPerDay);
            this.recipientsPerMessage = positive("recipientsPerMessage", recipientsPerMessage);
            return this;
        }

        /** Adds a documentation link. */
        public Builder documentation(URI link) {
            documentation.add(Objects.requireNonNull(link, "link"));
            return this;
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " is " + value + "; it must be at least 1");
            }
            return value;
        }

        /**
         * Builds the profile.
         *
         * @throws IllegalStateException if it has no incoming or no outgoing server
         */
        public ProviderProfile build() {
            if (imapEndpoints.isEmpty() && pop3Endpoints.isEmpty()) {
                throw new IllegalStateException(
                        "profile '" + id + "' has no IMAP or POP3 server: add imap(...) or pop3(...)");
            }
            if (smtpEndpoints.isEmpty()) {
                throw new IllegalStateException("profile '" + id + "' has no SMTP server: add smtp(...)");
            }
            return new ProviderProfile(this);
        }
    }
}
