package dev.mailbridge.autoconfig;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.autoconfig.internal.AutodiscoverXml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What to publish so mail clients configure themselves for your domain: the autoconfig document, Outlook Autodiscover
 * responses, and the DNS records (RFC 6186/8314 SRV and the CNAMEs) as zone-file lines. {@link #handle} answers HTTP
 * requests from bytes to bytes, so any server (the JDK's, a servlet, a framework route) can serve them.
 *
 * <pre>{@code
 * AutoconfigDocuments documents = AutoconfigDocuments.of(template);
 * Response r = documents.handle(method, path, requestBody); // status, content type, body
 * }</pre>
 */
public final class AutoconfigDocuments {
    private static final int MAX_REQUEST = 16 * 1024;

    private final MailSettingsTemplate template;
    private final byte[] configXml;

    private AutoconfigDocuments(MailSettingsTemplate template) {
        this.template = template;
        this.configXml = new ConfigDocument(
                        template.domain(),
                        template.domains(),
                        template.displayName(),
                        template.displayName(),
                        template.incoming(),
                        template.outgoing(),
                        null,
                        null,
                        template.documentation(),
                        null)
                .toXml();
    }

    /** The documents for {@code template}. */
    public static AutoconfigDocuments of(MailSettingsTemplate template) {
        return new AutoconfigDocuments(Objects.requireNonNull(template, "template"));
    }

    /** The config-v1.1.xml to serve at {@code /mail/config-v1.1.xml} and {@code /.well-known/autoconfig/mail/}. */
    public byte[] configXml() {
        return configXml.clone();
    }

    /**
     * The Autodiscover POX response to a posted request: the settings with the login name filled for the address asked,
     * or an error response when the request is malformed or the address is not in one of the template's domains.
     */
    public Response autodiscover(byte[] request) {
        String address;
        try {
            address = AutodiscoverXml.requestedAddress(request);
        } catch (IllegalArgumentException e) {
            return new Response(
                    400, "text/plain; charset=utf-8", bytes("not an Autodiscover request: " + e.getMessage()));
        }
        EmailAddress email;
        try {
            email = EmailAddress.of(String.valueOf(address));
        } catch (IllegalArgumentException e) {
            return new Response(400, "text/plain; charset=utf-8", bytes("the request has no valid EMailAddress"));
        }
        if (!template.domains().contains(email.asciiDomain())
                && !template.domains().contains(email.domain())) {
            return new Response(404, "text/plain; charset=utf-8", bytes(email.domain() + " is not served here"));
        }
        List<ServerSetting> servers = new ArrayList<>(template.incoming());
        servers.addAll(template.outgoing());
        return new Response(
                200, "text/xml; charset=utf-8", AutodiscoverXml.response(servers, email, template.displayName()));
    }

    /**
     * The DNS records to publish, as zone-file lines: SRV records for every service (RFC 6186, with the implicit-TLS
     * services preferred as RFC 8314 asks, and "." for what is not offered), the {@code _autodiscover._tcp} SRV, and
     * CNAMEs for {@code autoconfig.} and {@code autodiscover.} when the web host is known.
     */
    public List<String> zoneRecords() {
        List<String> lines = new ArrayList<>();
        for (String domain : template.domains().stream().sorted().toList()) {
            srv(lines, domain, "_imaps", Protocol.IMAP, Security.IMPLICIT_TLS);
            srv(lines, domain, "_imap", Protocol.IMAP, Security.STARTTLS);
            srv(lines, domain, "_pop3s", Protocol.POP3, Security.IMPLICIT_TLS);
            srv(lines, domain, "_pop3", Protocol.POP3, Security.STARTTLS);
            srv(lines, domain, "_submissions", Protocol.SMTP, Security.IMPLICIT_TLS);
            srv(lines, domain, "_submission", Protocol.SMTP, Security.STARTTLS);
            template.webHost().ifPresent(web -> {
                lines.add("_autodiscover._tcp." + domain + ". 3600 IN SRV 0 0 443 " + web + ".");
                lines.add("autoconfig." + domain + ". 3600 IN CNAME " + web + ".");
                lines.add("autodiscover." + domain + ". 3600 IN CNAME " + web + ".");
            });
        }
        return lines;
    }

    private void srv(List<String> lines, String domain, String service, Protocol protocol, Security security) {
        List<ServerSetting> servers = protocol == Protocol.SMTP ? template.outgoing() : template.incoming();
        int priority = 0;
        boolean any = false;
        for (ServerSetting s : servers) {
            if (s.protocol() == protocol && s.endpoint().security() == security) {
                lines.add(service + "._tcp." + domain + ". 3600 IN SRV " + priority + " 1 "
                        + s.endpoint().port() + " " + s.endpoint().asciiHost() + ".");
                priority += 10;
                any = true;
            }
        }
        if (!any) {
            lines.add(service + "._tcp." + domain + ". 3600 IN SRV 0 0 0 .");
        }
    }

    /**
     * Answers an HTTP request: {@code GET} of the autoconfig paths, {@code POST} of the Autodiscover paths; 404 for any
     * other path, 405 for another method, 413 for a request body over 16 KiB.
     */
    public Response handle(String method, String path, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        String p = path.toLowerCase(Locale.ROOT);
        int query = p.indexOf('?');
        if (query >= 0) {
            p = p.substring(0, query);
        }
        boolean config = p.equals("/mail/config-v1.1.xml") || p.equals("/.well-known/autoconfig/mail/config-v1.1.xml");
        boolean autodiscover = p.equals("/autodiscover/autodiscover.xml");
        if (!config && !autodiscover) {
            return new Response(404, "text/plain; charset=utf-8", bytes("not found"));
        }
        if (config) {
            return method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD")
                    ? new Response(200, "text/xml; charset=utf-8", configXml.clone())
                    : new Response(405, "text/plain; charset=utf-8", bytes("use GET"));
        }
        if (!method.equalsIgnoreCase("POST")) {
            return new Response(405, "text/plain; charset=utf-8", bytes("use POST with an Autodiscover request"));
        }
        if (body.length > MAX_REQUEST) {
            return new Response(413, "text/plain; charset=utf-8", bytes("request too large"));
        }
        return autodiscover(body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An HTTP answer.
     *
     * @param status the status code
     * @param contentType the Content-Type header
     * @param body the body
     */
    public record Response(int status, String contentType, byte[] body) {
        /** Checks that nothing is missing. */
        public Response {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }
}
