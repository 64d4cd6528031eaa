package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.Endpoint;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.autoconfig.ServerSetting;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/** Outlook Autodiscover "plain old XML" (POX): the request, and reading and writing the response. */
public final class AutodiscoverXml {
    static final String RESPONSE_SCHEMA =
            "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

    private AutodiscoverXml() {}

    /** What a response says: settings, or where to ask instead. */
    public record Parsed(
            List<ServerSetting> servers,
            @Nullable String redirectUrl,
            @Nullable String redirectAddress) {}

    public static byte[] request(String emailAddress) {
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                        + "<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\">\n"
                        + "  <Request>\n    <EMailAddress>" + ConfigXmlWriter.escape(emailAddress) + "</EMailAddress>\n"
                        + "    <AcceptableResponseSchema>" + RESPONSE_SCHEMA + "</AcceptableResponseSchema>\n"
                        + "  </Request>\n</Autodiscover>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The EMailAddress of a request, or {@code null}. */
    public static @Nullable String requestedAddress(byte[] request) {
        Element root = SafeXml.parse(request).getDocumentElement();
        Element inner = SafeXml.child(root, "Request");
        return inner == null ? null : SafeXml.childText(inner, "EMailAddress");
    }

    public static Parsed parse(byte[] xml) {
        Element root = SafeXml.parse(xml).getDocumentElement();
        if (!"Autodiscover".equals(SafeXml.local(root))) {
            throw new IllegalArgumentException("the document is <" + SafeXml.local(root) + ">, not <Autodiscover>");
        }
        Element response = SafeXml.child(root, "Response");
        Element account = response == null ? null : SafeXml.child(response, "Account");
        if (account == null) {
            Element error = response == null ? null : SafeXml.child(response, "Error");
            throw new IllegalArgumentException(
                    error == null
                            ? "the response has no Account"
                            : "the server answered an error: "
                                    + error.getTextContent().strip());
        }
        String action = String.valueOf(SafeXml.childText(account, "Action")).toLowerCase(Locale.ROOT);
        if (action.equals("redirecturl")) {
            return new Parsed(List.of(), SafeXml.childText(account, "RedirectUrl"), null);
        }
        if (action.equals("redirectaddr")) {
            return new Parsed(List.of(), null, SafeXml.childText(account, "RedirectAddr"));
        }
        List<ServerSetting> servers = new ArrayList<>();
        for (Element p : SafeXml.children(account, "Protocol")) {
            ServerSetting s = protocol(p);
            if (s != null) {
                servers.add(s);
            }
        }
        return new Parsed(servers, null, null);
    }

    private static @Nullable ServerSetting protocol(Element p) {
        String type = String.valueOf(SafeXml.childText(p, "Type")).toUpperCase(Locale.ROOT);
        Protocol protocol = switch (type) {
            case "IMAP" -> Protocol.IMAP;
            case "POP3" -> Protocol.POP3;
            case "SMTP" -> Protocol.SMTP;
            default -> null; // EXCH, EXPR, WEB: Exchange protocols
        };
        String server = SafeXml.childText(p, "Server");
        String portText = SafeXml.childText(p, "Port");
        if (protocol == null || server == null || server.isEmpty() || portText == null) {
            return null;
        }
        try {
            int port = Integer.parseInt(portText);
            boolean ssl = !"off".equalsIgnoreCase(SafeXml.childText(p, "SSL"));
            String encryption = SafeXml.childText(p, "Encryption");
            Security security;
            if (!ssl || "none".equalsIgnoreCase(encryption)) {
                security = Security.NONE;
            } else if ("TLS".equalsIgnoreCase(encryption)) {
                security = Security.STARTTLS;
            } else if ("SSL".equalsIgnoreCase(encryption)) {
                security = Security.IMPLICIT_TLS;
            } else {
                security = port == 993 || port == 995 || port == 465 ? Security.IMPLICIT_TLS : Security.STARTTLS;
            }
            String login = SafeXml.childText(p, "LoginName");
            return new ServerSetting(
                    protocol,
                    new Endpoint(server, port, security),
                    login == null || login.isEmpty() ? "%EMAILADDRESS%" : login,
                    List.of());
        } catch (IllegalArgumentException unusable) {
            return null;
        }
    }

    /** A settings response for {@code servers}, with the login name filled for the requested address. */
    public static byte[] response(
            List<ServerSetting> servers, dev.mailbridge.EmailAddress address, String displayName) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        x.append("<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006\">\n");
        x.append("  <Response xmlns=\"").append(RESPONSE_SCHEMA).append("\">\n");
        x.append("    <User><DisplayName>")
                .append(ConfigXmlWriter.escape(displayName))
                .append("</DisplayName></User>\n");
        x.append("    <Account>\n      <AccountType>email</AccountType>\n      <Action>settings</Action>\n");
        for (ServerSetting s : servers) {
            x.append("      <Protocol>\n");
            x.append("        <Type>").append(s.protocol().name()).append("</Type>\n");
            x.append("        <Server>")
                    .append(ConfigXmlWriter.escape(s.endpoint().host()))
                    .append("</Server>\n");
            x.append("        <Port>").append(s.endpoint().port()).append("</Port>\n");
            x.append("        <LoginName>")
                    .append(ConfigXmlWriter.escape(s.username(address)))
                    .append("</LoginName>\n");
            x.append("        <DomainRequired>off</DomainRequired>\n        <SPA>off</SPA>\n");
            x.append("        <SSL>")
                    .append(s.endpoint().security() == Security.NONE ? "off" : "on")
                    .append("</SSL>\n");
            if (s.endpoint().security() != Security.NONE) {
                x.append("        <Encryption>")
                        .append(s.endpoint().security() == Security.IMPLICIT_TLS ? "SSL" : "TLS")
                        .append("</Encryption>\n");
            }
            x.append("        <AuthRequired>on</AuthRequired>\n      </Protocol>\n");
        }
        x.append("    </Account>\n  </Response>\n</Autodiscover>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }
}
