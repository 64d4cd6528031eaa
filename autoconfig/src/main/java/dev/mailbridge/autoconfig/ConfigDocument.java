package dev.mailbridge.autoconfig;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.autoconfig.internal.ConfigXmlReader;
import dev.mailbridge.autoconfig.internal.ConfigXmlWriter;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Thunderbird autoconfig document ({@code config-v1.1.xml}), parsed completely or written for your own domain: the
 * provider's domains and names, its incoming and outgoing servers in order of preference, POP3 options, the OAuth2
 * section, documentation and "enable access" links. Parsing ignores unknown elements and server types; DTDs and
 * external entities are refused.
 */
public final class ConfigDocument {
    private final String providerId;
    private final Set<String> domains;
    private final String displayName;
    private final String displayShortName;
    private final List<ServerSetting> incoming;
    private final List<ServerSetting> outgoing;
    private final @Nullable Pop3Options pop3;
    private final @Nullable OAuth2Section oauth2;
    private final List<URI> documentation;
    private final @Nullable URI enablePage;

    /** Makes a document; see {@link #parse(byte[])} for reading one. */
    public ConfigDocument(
            String providerId,
            Set<String> domains,
            String displayName,
            String displayShortName,
            List<ServerSetting> incoming,
            List<ServerSetting> outgoing,
            @Nullable Pop3Options pop3,
            @Nullable OAuth2Section oauth2,
            List<URI> documentation,
            @Nullable URI enablePage) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.domains = Set.copyOf(domains);
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.displayShortName = Objects.requireNonNull(displayShortName, "displayShortName");
        this.incoming = List.copyOf(incoming);
        this.outgoing = List.copyOf(outgoing);
        this.pop3 = pop3;
        this.oauth2 = oauth2;
        this.documentation = List.copyOf(documentation);
        this.enablePage = enablePage;
    }

    /**
     * Parses a document that needs no address. A server whose host name holds a placeholder ({@code
     * mail.%EMAILDOMAIN%}) names no host without one and is left out; use {@link #parse(byte[], EmailAddress)} for a
     * document fetched for an address.
     *
     * @throws IllegalArgumentException saying what is wrong: not XML, a DTD, no {@code emailProvider}, no usable server
     */
    public static ConfigDocument parse(byte[] xml) {
        return ConfigXmlReader.read(Objects.requireNonNull(xml, "xml"), null);
    }

    /**
     * Parses a document fetched for {@code address}: the placeholders {@code %EMAILDOMAIN%}, {@code %EMAILLOCALPART%}
     * and {@code %EMAILADDRESS%} in host names are filled for it, as mail clients do (usernames keep their
     * placeholders, see {@link ServerSetting#username}).
     *
     * @throws IllegalArgumentException saying what is wrong: not XML, a DTD, no {@code emailProvider}, no usable server
     */
    public static ConfigDocument parse(byte[] xml, EmailAddress address) {
        return ConfigXmlReader.read(Objects.requireNonNull(xml, "xml"), Objects.requireNonNull(address, "address"));
    }

    /** The document as UTF-8 XML, ready to serve at {@code /.well-known/autoconfig/mail/config-v1.1.xml}. */
    public byte[] toXml() {
        return ConfigXmlWriter.write(this);
    }

    /** The {@code emailProvider id}, usually the main domain. */
    public String providerId() {
        return providerId;
    }

    /** The domains whose addresses these settings serve (lower case). */
    public Set<String> domains() {
        return domains;
    }

    /** Whether the document covers {@code domain}. */
    public boolean serves(String domain) {
        return domains.contains(domain.toLowerCase(java.util.Locale.ROOT));
    }

    /** The provider's name. */
    public String displayName() {
        return displayName;
    }

    /** The provider's short name. */
    public String displayShortName() {
        return displayShortName;
    }

    /** IMAP and POP3 servers, in the document's order of preference. */
    public List<ServerSetting> incoming() {
        return incoming;
    }

    /** SMTP servers, in the document's order of preference. */
    public List<ServerSetting> outgoing() {
        return outgoing;
    }

    /** The POP3 options of the first POP3 server that had any. */
    public Optional<Pop3Options> pop3() {
        return Optional.ofNullable(pop3);
    }

    /** The OAuth2 section, if any. */
    public Optional<OAuth2Section> oauth2() {
        return Optional.ofNullable(oauth2);
    }

    /** Documentation links. */
    public List<URI> documentation() {
        return documentation;
    }

    /** The page where users enable IMAP/POP access, if the provider needs that. */
    public Optional<URI> enablePage() {
        return Optional.ofNullable(enablePage);
    }

    @Override
    public String toString() {
        return "ConfigDocument[" + providerId + ", domains=" + domains + ", incoming=" + incoming + ", outgoing="
                + outgoing + "]";
    }

    /**
     * POP3 options.
     *
     * @param leaveMessagesOnServer whether to leave mail on the server
     * @param downloadOnBiff whether to download when new mail is announced
     * @param daysToLeaveMessagesOnServer how long to leave it, or 0 when not said
     * @param checkIntervalMinutes how often to check, or 0 when not said
     */
    public record Pop3Options(
            boolean leaveMessagesOnServer,
            boolean downloadOnBiff,
            int daysToLeaveMessagesOnServer,
            int checkIntervalMinutes) {}

    /**
     * The OAuth2 section.
     *
     * @param issuer the issuer, such as {@code accounts.google.com}
     * @param scope the scopes, space separated
     * @param authUrl the authorization endpoint
     * @param tokenUrl the token endpoint
     */
    public record OAuth2Section(String issuer, String scope, URI authUrl, URI tokenUrl) {
        /** Checks that nothing is missing. */
        public OAuth2Section {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(authUrl, "authUrl");
            Objects.requireNonNull(tokenUrl, "tokenUrl");
        }
    }
}
