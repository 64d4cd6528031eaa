package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.autoconfig.ConfigDocument;
import dev.mailbridge.autoconfig.ServerSetting;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Writes a {@link ConfigDocument} as config-v1.1.xml, escaping every value. */
public final class ConfigXmlWriter {
    private ConfigXmlWriter() {}

    public static byte[] write(ConfigDocument doc) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<clientConfig version=\"1.1\">\n");
        x.append("  <emailProvider id=\"").append(escape(doc.providerId())).append("\">\n");
        for (String domain : doc.domains().stream().sorted().toList()) {
            x.append("    <domain>").append(escape(domain)).append("</domain>\n");
        }
        x.append("    <displayName>").append(escape(doc.displayName())).append("</displayName>\n");
        x.append("    <displayShortName>")
                .append(escape(doc.displayShortName()))
                .append("</displayShortName>\n");
        for (ServerSetting s : doc.incoming()) {
            server(x, "incomingServer", s.protocol().name().toLowerCase(java.util.Locale.ROOT), s, doc);
        }
        for (ServerSetting s : doc.outgoing()) {
            server(x, "outgoingServer", "smtp", s, doc);
        }
        for (URI link : doc.documentation()) {
            x.append("    <documentation url=\"")
                    .append(escape(link.toString()))
                    .append("\"/>\n");
        }
        doc.enablePage()
                .ifPresent(page -> x.append("    <enable visiturl=\"")
                        .append(escape(page.toString()))
                        .append("\"/>\n"));
        x.append("  </emailProvider>\n");
        doc.oauth2()
                .ifPresent(o -> x.append("  <oAuth2>\n")
                        .append("    <issuer>")
                        .append(escape(o.issuer()))
                        .append("</issuer>\n")
                        .append("    <scope>")
                        .append(escape(o.scope()))
                        .append("</scope>\n")
                        .append("    <authURL>")
                        .append(escape(o.authUrl().toString()))
                        .append("</authURL>\n")
                        .append("    <tokenURL>")
                        .append(escape(o.tokenUrl().toString()))
                        .append("</tokenURL>\n")
                        .append("  </oAuth2>\n"));
        x.append("</clientConfig>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void server(StringBuilder x, String element, String type, ServerSetting s, ConfigDocument doc) {
        x.append("    <").append(element).append(" type=\"").append(type).append("\">\n");
        x.append("      <hostname>").append(escape(s.endpoint().host())).append("</hostname>\n");
        x.append("      <port>").append(s.endpoint().port()).append("</port>\n");
        x.append("      <socketType>")
                .append(
                        switch (s.endpoint().security()) {
                            case IMPLICIT_TLS -> "SSL";
                            case STARTTLS -> "STARTTLS";
                            case NONE -> "plain";
                        })
                .append("</socketType>\n");
        x.append("      <username>").append(escape(s.usernameTemplate())).append("</username>\n");
        for (String auth :
                s.authentication().isEmpty() ? java.util.List.of("password-cleartext") : s.authentication()) {
            x.append("      <authentication>").append(escape(auth)).append("</authentication>\n");
        }
        if (s.protocol() == dev.mailbridge.Protocol.POP3 && doc.pop3().isPresent()) {
            ConfigDocument.Pop3Options p = doc.pop3().get();
            x.append("      <pop3>\n")
                    .append("        <leaveMessagesOnServer>")
                    .append(p.leaveMessagesOnServer())
                    .append("</leaveMessagesOnServer>\n")
                    .append("        <downloadOnBiff>")
                    .append(p.downloadOnBiff())
                    .append("</downloadOnBiff>\n");
            if (p.daysToLeaveMessagesOnServer() > 0) {
                x.append("        <daysToLeaveMessagesOnServer>")
                        .append(p.daysToLeaveMessagesOnServer())
                        .append("</daysToLeaveMessagesOnServer>\n");
            }
            if (p.checkIntervalMinutes() > 0) {
                x.append("        <checkInterval minutes=\"")
                        .append(p.checkIntervalMinutes())
                        .append("\"/>\n");
            }
            x.append("      </pop3>\n");
        }
        x.append("    </").append(element).append(">\n");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
