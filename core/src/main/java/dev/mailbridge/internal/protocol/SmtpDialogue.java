package dev.mailbridge.internal.protocol;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.Phase;
import dev.mailbridge.Protocol;
import dev.mailbridge.Secret;
import dev.mailbridge.internal.net.WireConnection;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** SMTP submission (RFC 5321, 6409, 3207, 4954) as far as a check needs it: it never sends a message. */
public final class SmtpDialogue implements MailDialogue {
    private final String ehloName;

    /** @param ehloName the name to introduce ourselves with, such as an address literal {@code [192.0.2.1]} */
    public SmtpDialogue(String ehloName) {
        this.ehloName = ehloName;
    }

    /**
     * A dialogue that introduces itself with the RFC 5321 address literal of our side of the connection, the honest
     * EHLO name for a client without a domain of its own.
     */
    public static SmtpDialogue fromLocalAddress(InetAddress local) {
        return new SmtpDialogue(
                local instanceof Inet6Address
                        ? "[IPv6:" + local.getHostAddress() + "]"
                        : "[" + local.getHostAddress() + "]");
    }

    @Override
    public Protocol protocol() {
        return Protocol.SMTP;
    }

    @Override
    public String readGreeting(WireConnection connection) throws IOException, ServerRefusal {
        return String.join(" ", expect(connection, 2));
    }

    @Override
    public Set<String> capabilities(WireConnection connection) throws IOException, ServerRefusal {
        connection.writeLine("EHLO " + ehloName);
        List<String> lines = expect(connection, 2);
        Set<String> capabilities = new LinkedHashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            capabilities.add(lines.get(i).substring(4).strip().toUpperCase(Locale.ROOT));
        }
        return capabilities;
    }

    @Override
    public boolean offersStartTls(Set<String> capabilities) {
        return capabilities.contains("STARTTLS");
    }

    @Override
    public void requestStartTls(WireConnection connection) throws IOException, ServerRefusal {
        connection.writeLine("STARTTLS");
        expect(connection, 2);
    }

    @Override
    public void authenticate(
            WireConnection connection, Set<String> capabilities, String username, Secret secret, boolean oauth2)
            throws IOException, ServerRefusal, AuthMethodUnavailable {
        CommandArguments.requireSingleLine(username, secret);
        String unavailable = loginUnavailable(capabilities, oauth2, connection.isEncrypted());
        if (unavailable != null) {
            throw new AuthMethodUnavailable(unavailable);
        }
        Set<String> mechanisms = mechanisms(capabilities);
        if (oauth2) {
            saslWithInitialResponse(connection, "XOAUTH2 " + Sasl.xoauth2(username, secret.reveal()));
        } else if (mechanisms.contains("PLAIN")) {
            saslWithInitialResponse(connection, "PLAIN " + Sasl.plain(username, secret.reveal()));
        } else if (mechanisms.contains("LOGIN")) {
            connection.writeLine("AUTH LOGIN");
            expect(connection, 3);
            connection.writeLine(Sasl.base64(username));
            expect(connection, 3);
            connection.writeLine(Sasl.base64(secret.reveal()));
            expect(connection, 2);
        }
    }

    @Override
    public @Nullable String loginUnavailable(Set<String> capabilities, boolean oauth2, boolean encrypted) {
        Set<String> mechanisms = mechanisms(capabilities);
        if (mechanisms.isEmpty()) {
            return "the server offers no AUTH on this connection"
                    + (encrypted ? "" : " (many offer it only after" + " STARTTLS)");
        }
        if (oauth2) {
            return mechanisms.contains("XOAUTH2")
                    ? null
                    : "the server does not offer AUTH XOAUTH2, so an OAuth2 token cannot be used; it offers "
                            + String.join(", ", mechanisms);
        }
        if (mechanisms.contains("PLAIN") || mechanisms.contains("LOGIN")) {
            return null;
        }
        return "the server offers only " + String.join(", ", mechanisms) + ", none of which takes a password";
    }

    private static void saslWithInitialResponse(WireConnection connection, String mechanismAndResponse)
            throws IOException, ServerRefusal {
        connection.writeLine("AUTH " + mechanismAndResponse);
        String line = connection.readLine();
        if (line.startsWith("334")) {
            String challenge = Sasl.decodeChallenge(line.substring(3));
            connection.writeLine(""); // an XOAUTH2 error comes as a challenge; answering empty gets the final reply
            List<String> reply = readReply(connection);
            throw new ServerRefusal(String.join(" ", reply) + " " + challenge);
        }
        List<String> reply = new ArrayList<>();
        reply.add(line);
        while (line.length() > 3 && line.charAt(3) == '-') {
            line = connection.readLine();
            reply.add(line);
        }
        if (!line.startsWith("2")) {
            throw new ServerRefusal(String.join(" ", reply));
        }
    }

    private static Set<String> mechanisms(Set<String> capabilities) {
        Set<String> mechanisms = new LinkedHashSet<>();
        for (String capability : capabilities) {
            if (capability.startsWith("AUTH ") || capability.startsWith("AUTH=")) {
                for (String token : capability.substring(5).split(" ")) {
                    if (!token.isBlank()) {
                        mechanisms.add(token);
                    }
                }
            }
        }
        return mechanisms;
    }

    @Override
    public Phase accessPhase() {
        return Phase.SMTP_ENVELOPE;
    }

    @Override
    public String access(WireConnection connection, String folder, EmailAddress address)
            throws IOException, ServerRefusal {
        connection.writeLine("MAIL FROM:<" + address.toAsciiString() + ">");
        List<String> accepted = expect(connection, 2);
        connection.writeLine("RSET");
        expect(connection, 2);
        return "sender " + address + " accepted (" + accepted.get(0) + "); nothing sent";
    }

    @Override
    public void quit(WireConnection connection) {
        try {
            connection.writeLine("QUIT");
            readReply(connection);
        } catch (IOException e) {
            // the check is over
        }
    }

    /** Reads a possibly multi-line reply and fails unless its code starts with {@code digit}. */
    private static List<String> expect(WireConnection connection, int digit) throws IOException, ServerRefusal {
        List<String> reply = readReply(connection);
        String last = reply.get(reply.size() - 1);
        if (last.isEmpty() || last.charAt(0) != (char) ('0' + digit)) {
            throw new ServerRefusal(String.join(" ", reply));
        }
        return reply;
    }

    private static List<String> readReply(WireConnection connection) throws IOException {
        List<String> reply = new ArrayList<>();
        String line;
        do {
            line = connection.readLine();
            reply.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return reply;
    }
}
