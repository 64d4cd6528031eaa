package dev.mailbridge.autoconfig;

import dev.mailbridge.Endpoint;
import dev.mailbridge.InvalidSettingsException;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.UsernameForm;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The mail settings of your own domain, from which {@link AutoconfigDocuments} writes what mail clients look for.
 *
 * <pre>{@code
 * MailSettingsTemplate template = MailSettingsTemplate.newBuilder("acme.com")
 *         .displayName("Acme Mail")
 *         .imap("mail.acme.com", 993, Security.IMPLICIT_TLS)
 *         .smtp("mail.acme.com", 465, Security.IMPLICIT_TLS)
 *         .webHost("www.acme.com") // where the documents are served
 *         .build();
 * }</pre>
 */
public final class MailSettingsTemplate {
    private final Set<String> domains;
    private final String displayName;
    private final List<ServerSetting> incoming;
    private final List<ServerSetting> outgoing;
    private final @Nullable String webHost;
    private final List<URI> documentation;

    private MailSettingsTemplate(Builder b, List<ServerSetting> incoming, List<ServerSetting> outgoing) {
        this.domains = Set.copyOf(b.domains);
        this.displayName = b.displayName == null ? b.domains.iterator().next() : b.displayName;
        this.incoming = List.copyOf(incoming);
        this.outgoing = List.copyOf(outgoing);
        this.webHost = b.webHost;
        this.documentation = List.copyOf(b.documentation);
    }

    /** Starts a template for {@code domain} (more with {@link Builder#alsoFor}). */
    public static Builder newBuilder(String domain) {
        return new Builder(domain);
    }

    /** The main domain. */
    public String domain() {
        return domains.stream().sorted().findFirst().orElseThrow();
    }

    /** Every domain served. */
    public Set<String> domains() {
        return domains;
    }

    /** The name mail clients show. */
    public String displayName() {
        return displayName;
    }

    /** Incoming servers in order of preference. */
    public List<ServerSetting> incoming() {
        return incoming;
    }

    /** Outgoing servers in order of preference. */
    public List<ServerSetting> outgoing() {
        return outgoing;
    }

    /** The host serving the documents, for the CNAME records, if given. */
    public Optional<String> webHost() {
        return Optional.ofNullable(webHost);
    }

    /** Documentation links. */
    public List<URI> documentation() {
        return documentation;
    }

    /** Builds a {@link MailSettingsTemplate}; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private final Set<String> domains = new LinkedHashSet<>();
        private @Nullable String displayName;
        private final List<Endpoint> imap = new ArrayList<>();
        private final List<Endpoint> pop3 = new ArrayList<>();
        private final List<Endpoint> smtp = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private UsernameForm usernameForm = UsernameForm.EMAIL_ADDRESS;
        private @Nullable String webHost;
        private final List<URI> documentation = new ArrayList<>();

        private Builder(String domain) {
            alsoFor(domain);
        }

        /** Another domain with the same servers. */
        public Builder alsoFor(String domain) {
            String d = Objects.requireNonNull(domain, "domain").strip().toLowerCase(Locale.ROOT);
            if (!com.google.common.net.InternetDomainName.isValid(d) || d.indexOf('.') < 0) {
                problems.add("domain '" + domain + "' is not a domain name, such as acme.com");
            } else {
                domains.add(d);
            }
            return this;
        }

        /** The name mail clients show. */
        public Builder displayName(String name) {
            this.displayName = Objects.requireNonNull(name, "displayName");
            return this;
        }

        /** An IMAP server; several are offered in the order added. */
        public Builder imap(String host, int port, Security security) {
            return add(imap, "imap", host, port, security);
        }

        /** A POP3 server. */
        public Builder pop3(String host, int port, Security security) {
            return add(pop3, "pop3", host, port, security);
        }

        /** An SMTP submission server. */
        public Builder smtp(String host, int port, Security security) {
            return add(smtp, "smtp", host, port, security);
        }

        private Builder add(List<Endpoint> list, String field, String host, int port, Security security) {
            try {
                list.add(new Endpoint(host, port, security));
            } catch (IllegalArgumentException e) {
                problems.add(field + ": " + e.getMessage());
            }
            return this;
        }

        /** How users log in: the full address (default) or the part before '@'. */
        public Builder usernameForm(UsernameForm form) {
            this.usernameForm = Objects.requireNonNull(form, "usernameForm");
            return this;
        }

        /** The host that serves the documents, for the {@code autoconfig.} and {@code autodiscover.} CNAMEs. */
        public Builder webHost(String host) {
            this.webHost = Objects.requireNonNull(host, "webHost").strip();
            return this;
        }

        /** A documentation link. */
        public Builder documentation(URI link) {
            documentation.add(Objects.requireNonNull(link, "link"));
            return this;
        }

        /**
         * Builds the template.
         *
         * @throws InvalidSettingsException listing every problem
         */
        public MailSettingsTemplate build() {
            List<String> all = new ArrayList<>(problems);
            if (imap.isEmpty() && pop3.isEmpty()) {
                all.add("no incoming server: call imap(...) or pop3(...)");
            }
            if (smtp.isEmpty()) {
                all.add("no outgoing server: call smtp(...)");
            }
            if (domains.isEmpty()) {
                all.add("no valid domain");
            }
            if (!all.isEmpty()) {
                throw new InvalidSettingsException("mail settings template", all);
            }
            String username = usernameForm == UsernameForm.LOCAL_PART ? "%EMAILLOCALPART%" : "%EMAILADDRESS%";
            List<String> auth = List.of("password-cleartext");
            List<ServerSetting> incoming = new ArrayList<>();
            imap.forEach(e -> incoming.add(new ServerSetting(Protocol.IMAP, e, username, auth)));
            pop3.forEach(e -> incoming.add(new ServerSetting(Protocol.POP3, e, username, auth)));
            List<ServerSetting> outgoing = new ArrayList<>();
            smtp.forEach(e -> outgoing.add(new ServerSetting(Protocol.SMTP, e, username, auth)));
            return new MailSettingsTemplate(this, incoming, outgoing);
        }
    }
}
