package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.Endpoint;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.autoconfig.ConfigDocument;
import dev.mailbridge.autoconfig.ServerSetting;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Reads config-v1.1.xml (Thunderbird's autoconfig format) into a {@link ConfigDocument}. */
public final class ConfigXmlReader {
    private ConfigXmlReader() {}

    /**
     * Reads {@code xml}; host names holding placeholders ({@code mail.%EMAILDOMAIN%}) are filled for {@code address},
     * or, without an address, their servers are left out (no host can be made of them).
     */
    public static ConfigDocument read(byte[] xml, @Nullable EmailAddress address) {
        Document document = SafeXml.parse(xml);
        Element root = document.getDocumentElement();
        if (!"clientConfig".equals(SafeXml.local(root))) {
            throw new IllegalArgumentException(
                    "the document is <" + SafeXml.local(root) + ">, not an autoconfig <clientConfig>");
        }
        Element provider = SafeXml.child(root, "emailProvider");
        if (provider == null) {
            throw new IllegalArgumentException("the document has no <emailProvider>");
        }
        Set<String> domains = new LinkedHashSet<>();
        for (Element domain : SafeXml.children(provider, "domain")) {
            String text = domain.getTextContent().strip().toLowerCase(Locale.ROOT);
            if (!text.isEmpty()) {
                domains.add(text);
            }
        }
        String id = provider.getAttribute("id").strip();
        if (domains.isEmpty() && !id.isEmpty()) {
            domains.add(id.toLowerCase(Locale.ROOT));
        }
        List<ServerSetting> incoming = new ArrayList<>();
        ConfigDocument.Pop3Options pop3 = null;
        for (Element server : SafeXml.children(provider, "incomingServer")) {
            String type = server.getAttribute("type").strip().toLowerCase(Locale.ROOT);
            Protocol protocol = switch (type) {
                case "imap" -> Protocol.IMAP;
                case "pop3" -> Protocol.POP3;
                default -> null; // exchange, ews, jmap...: not spoken here, ignored
            };
            if (protocol == null) {
                continue;
            }
            ServerSetting setting = server(server, protocol, address);
            if (setting != null) {
                incoming.add(setting);
            }
            Element options = SafeXml.child(server, "pop3");
            if (protocol == Protocol.POP3 && options != null && pop3 == null) {
                pop3 = pop3(options);
            }
        }
        List<ServerSetting> outgoing = new ArrayList<>();
        for (Element server : SafeXml.children(provider, "outgoingServer")) {
            if ("smtp".equalsIgnoreCase(server.getAttribute("type").strip())) {
                ServerSetting setting = server(server, Protocol.SMTP, address);
                if (setting != null) {
                    outgoing.add(setting);
                }
            }
        }
        if (incoming.isEmpty() && outgoing.isEmpty()) {
            boolean placeholders = address == null
                    && new String(xml, java.nio.charset.StandardCharsets.UTF_8)
                            .toUpperCase(Locale.ROOT)
                            .matches("(?s).*<HOSTNAME>[^<]*%EMAIL(DOMAIN|LOCALPART|ADDRESS)%.*");
            throw new IllegalArgumentException(
                    placeholders
                            ? "the document's host names hold placeholders such as %EMAILDOMAIN%: parse it for an address"
                                    + " with ConfigDocument.parse(xml, address)"
                            : "the document names no IMAP, POP3 or SMTP server Mailbridge can use");
        }
        List<URI> documentation = new ArrayList<>();
        for (Element doc : SafeXml.children(provider, "documentation")) {
            URI uri = uri(doc.getAttribute("url"));
            if (uri != null) {
                documentation.add(uri);
            }
        }
        Element enable = SafeXml.child(provider, "enable");
        String displayName = text(SafeXml.childText(provider, "displayName"), id);
        return new ConfigDocument(
                id.isEmpty() ? domains.iterator().next() : id,
                domains,
                displayName,
                text(SafeXml.childText(provider, "displayShortName"), displayName),
                incoming,
                outgoing,
                pop3,
                oauth2(root, provider),
                documentation,
                enable == null ? null : uri(enable.getAttribute("visiturl")));
    }

    private static @Nullable ServerSetting server(Element server, Protocol protocol, @Nullable EmailAddress address) {
        String host = SafeXml.childText(server, "hostname");
        if (host != null && address != null) {
            host = fill(host, address);
        }
        String port = SafeXml.childText(server, "port");
        String socketType = SafeXml.childText(server, "socketType");
        if (host == null || host.isEmpty() || port == null) {
            return null;
        }
        Security security = security(socketType);
        if (security == null) {
            return null;
        }
        try {
            Endpoint endpoint = new Endpoint(host, Integer.parseInt(port), security);
            List<String> auth = new ArrayList<>();
            for (Element a : SafeXml.children(server, "authentication")) {
                String value = a.getTextContent().strip();
                if (!value.isEmpty()) {
                    auth.add(value);
                }
            }
            String username = text(SafeXml.childText(server, "username"), "%EMAILADDRESS%");
            return new ServerSetting(protocol, endpoint, username, auth);
        } catch (IllegalArgumentException unusable) {
            return null; // a bad host or port in one server does not spoil the others
        }
    }

    /**
     * {@code host} with the autoconfig placeholders filled for {@code address}: many ISPDB and hosting documents name
     * their servers {@code mail.%EMAILDOMAIN%}. Case-insensitive, as Thunderbird treats them.
     */
    static String fill(String host, EmailAddress address) {
        return host.replaceAll("(?i)%EMAILDOMAIN%", java.util.regex.Matcher.quoteReplacement(address.asciiDomain()))
                .replaceAll("(?i)%EMAILLOCALPART%", java.util.regex.Matcher.quoteReplacement(address.localPart()))
                .replaceAll("(?i)%EMAILADDRESS%", java.util.regex.Matcher.quoteReplacement(address.toAsciiString()));
    }

    /** {@code SSL}/{@code TLS} is implicit TLS, {@code STARTTLS} is STARTTLS, {@code plain} is none. */
    static @Nullable Security security(@Nullable String socketType) {
        if (socketType == null) {
            return null;
        }
        return switch (socketType.strip().toUpperCase(Locale.ROOT)) {
            case "SSL", "TLS" -> Security.IMPLICIT_TLS;
            case "STARTTLS" -> Security.STARTTLS;
            case "PLAIN" -> Security.NONE;
            default -> null;
        };
    }

    private static ConfigDocument.Pop3Options pop3(Element options) {
        Element interval = SafeXml.child(options, "checkInterval");
        return new ConfigDocument.Pop3Options(
                "true".equalsIgnoreCase(SafeXml.childText(options, "leaveMessagesOnServer")),
                "true".equalsIgnoreCase(SafeXml.childText(options, "downloadOnBiff")),
                number(SafeXml.childText(options, "daysToLeaveMessagesOnServer")),
                interval == null ? 0 : number(interval.getAttribute("minutes")));
    }

    private static ConfigDocument.@Nullable OAuth2Section oauth2(Element root, Element provider) {
        Element section = SafeXml.child(root, "oAuth2");
        if (section == null) {
            section = SafeXml.child(provider, "oAuth2");
        }
        if (section == null) {
            return null;
        }
        URI auth = uri(SafeXml.childText(section, "authURL"));
        URI token = uri(SafeXml.childText(section, "tokenURL"));
        if (auth == null || token == null) {
            return null;
        }
        return new ConfigDocument.OAuth2Section(
                text(SafeXml.childText(section, "issuer"), auth.getHost()),
                text(SafeXml.childText(section, "scope"), ""),
                auth,
                token);
    }

    private static int number(@Nullable String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String text(@Nullable String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static @Nullable URI uri(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(text.strip());
            return uri.getScheme() != null && uri.getScheme().matches("(?i)https?") ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
