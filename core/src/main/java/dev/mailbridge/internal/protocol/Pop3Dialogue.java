package dev.mailbridge.internal.protocol;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.Phase;
import dev.mailbridge.Protocol;
import dev.mailbridge.Secret;
import dev.mailbridge.internal.net.WireConnection;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** POP3 (RFC 1939, CAPA from RFC 2449, STLS from RFC 2595, AUTH from RFC 5034) as far as a check needs it. */
public final class Pop3Dialogue implements MailDialogue {
    @Override
    public Protocol protocol() {
        return Protocol.POP3;
    }

    @Override
    public String readGreeting(WireConnection connection) throws IOException, ServerRefusal {
        return expectOk(connection.readLine());
    }

    @Override
    public Set<String> capabilities(WireConnection connection) throws IOException, ServerRefusal {
        connection.writeLine("CAPA");
        Set<String> capabilities = new LinkedHashSet<>();
        String first = connection.readLine();
        if (!first.startsWith("+OK")) {
            return capabilities; // CAPA is optional (RFC 2449); a server without it has only USER/PASS
        }
        for (String line = connection.readLine(); !line.equals("."); line = connection.readLine()) {
            capabilities.add(line.strip().toUpperCase(Locale.ROOT));
        }
        return capabilities;
    }

    @Override
    public boolean offersStartTls(Set<String> capabilities) {
        return capabilities.contains("STLS");
    }

    @Override
    public void requestStartTls(WireConnection connection) throws IOException, ServerRefusal {
        connection.writeLine("STLS");
        expectOk(connection.readLine());
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
        if (oauth2) {
            sasl(connection, "XOAUTH2 " + Sasl.xoauth2(username, secret.reveal()));
            return;
        }
        if (capabilities.isEmpty() || capabilities.contains("USER")) {
            connection.writeLine("USER " + username);
            expectOk(connection.readLine());
            connection.writeLine("PASS " + secret.reveal());
            expectOk(connection.readLine());
            return;
        }
        sasl(connection, "PLAIN " + Sasl.plain(username, secret.reveal()));
    }

    @Override
    public @Nullable String loginUnavailable(Set<String> capabilities, boolean oauth2, boolean encrypted) {
        String sasl = saslMechanisms(capabilities);
        if (oauth2) {
            return sasl.contains(" XOAUTH2 ")
                    ? null
                    : "the server does not offer SASL XOAUTH2, so an OAuth2 token cannot be used";
        }
        if (capabilities.isEmpty() || capabilities.contains("USER") || sasl.contains(" PLAIN ")) {
            return null;
        }
        return "the server offers neither USER/PASS nor SASL PLAIN on this connection"
                + (encrypted ? "" : "; it may expect TLS first");
    }

    private static void sasl(WireConnection connection, String mechanismAndResponse) throws IOException, ServerRefusal {
        connection.writeLine("AUTH " + mechanismAndResponse);
        String reply = connection.readLine();
        if (reply.startsWith("+ ") || reply.equals("+")) {
            String challenge = Sasl.decodeChallenge(reply.substring(1));
            connection.writeLine("*"); // cancels the exchange (RFC 5034) so the error reply follows
            String error = connection.readLine();
            throw new ServerRefusal(error + (challenge.isBlank() ? "" : " " + challenge));
        }
        expectOk(reply);
    }

    private static String saslMechanisms(Set<String> capabilities) {
        for (String capability : capabilities) {
            if (capability.startsWith("SASL ")) {
                return " " + capability.substring(5) + " ";
            }
        }
        return " ";
    }

    @Override
    public Phase accessPhase() {
        return Phase.MAILBOX_ACCESS;
    }

    @Override
    public String access(WireConnection connection, String folder, EmailAddress address)
            throws IOException, ServerRefusal {
        connection.writeLine("STAT");
        String stat = expectOk(connection.readLine());
        String[] parts = stat.split(" ");
        return parts.length >= 2 ? "maildrop has " + parts[1] + " messages" : "maildrop opened";
    }

    @Override
    public void quit(WireConnection connection) {
        try {
            connection.writeLine("QUIT");
            connection.readLine();
        } catch (IOException e) {
            // the check is over
        }
    }

    private static String expectOk(String line) throws ServerRefusal {
        if (!line.startsWith("+OK")) {
            throw new ServerRefusal(line);
        }
        return line;
    }
}
