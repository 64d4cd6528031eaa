package dev.mailbridge.internal.protocol;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.Phase;
import dev.mailbridge.Protocol;
import dev.mailbridge.Secret;
import dev.mailbridge.internal.net.WireConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** IMAP4rev1 (RFC 3501) as far as a connection check needs it. */
public final class ImapDialogue implements MailDialogue {
    private int tagCounter;

    @Override
    public Protocol protocol() {
        return Protocol.IMAP;
    }

    @Override
    public String readGreeting(WireConnection connection) throws IOException, ServerRefusal {
        String greeting = connection.readLine();
        if (greeting.startsWith("* OK") || greeting.startsWith("* PREAUTH")) {
            return greeting;
        }
        throw new ServerRefusal(greeting);
    }

    @Override
    public Set<String> capabilities(WireConnection connection) throws IOException, ServerRefusal {
        Set<String> capabilities = new LinkedHashSet<>();
        for (String line : command(connection, "CAPABILITY")) {
            if (line.toUpperCase(Locale.ROOT).startsWith("* CAPABILITY ")) {
                for (String token : line.substring("* CAPABILITY ".length()).split(" ")) {
                    if (!token.isEmpty()) {
                        capabilities.add(token.toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        return capabilities;
    }

    @Override
    public boolean offersStartTls(Set<String> capabilities) {
        return capabilities.contains("STARTTLS");
    }

    @Override
    public void requestStartTls(WireConnection connection) throws IOException, ServerRefusal {
        command(connection, "STARTTLS");
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
            saslAuthenticate(connection, capabilities, "XOAUTH2", Sasl.xoauth2(username, secret.reveal()));
            return;
        }
        if (capabilities.contains("LOGINDISABLED")) {
            saslAuthenticate(connection, capabilities, "PLAIN", Sasl.plain(username, secret.reveal()));
            return;
        }
        String tag = nextTag();
        if (ImapText.quotable(username) && ImapText.quotable(secret.reveal())) {
            connection.writeLine(tag + " LOGIN " + ImapText.quote(username) + " " + ImapText.quote(secret.reveal()));
        } else {
            // Non-ASCII or control characters: send as literals, which carry any bytes.
            byte[] user = username.getBytes(StandardCharsets.UTF_8);
            byte[] pass = secret.reveal().getBytes(StandardCharsets.UTF_8);
            connection.writeLine(tag + " LOGIN {" + user.length + "}");
            expectContinuation(connection, tag);
            connection.write(user);
            connection.writeLine(" {" + pass.length + "}");
            expectContinuation(connection, tag);
            connection.write(pass);
            connection.writeLine("");
        }
        readTagged(connection, tag);
    }

    @Override
    public @Nullable String loginUnavailable(Set<String> capabilities, boolean oauth2, boolean encrypted) {
        if (oauth2) {
            return capabilities.contains("AUTH=XOAUTH2")
                    ? null
                    : "the server does not offer AUTH=XOAUTH2, so an OAuth2 token cannot be used; it offers "
                            + authMechanisms(capabilities);
        }
        if (capabilities.contains("LOGINDISABLED") && !capabilities.contains("AUTH=PLAIN")) {
            return "the server refuses password login on this connection (LOGINDISABLED)"
                    + (encrypted ? "" : "; it expects TLS first");
        }
        return null;
    }

    private void saslAuthenticate(
            WireConnection connection, Set<String> capabilities, String mechanism, String initialResponse)
            throws IOException, ServerRefusal {
        String tag = nextTag();
        if (capabilities.contains("SASL-IR")) {
            connection.writeLine(tag + " AUTHENTICATE " + mechanism + " " + initialResponse);
        } else {
            connection.writeLine(tag + " AUTHENTICATE " + mechanism);
            expectContinuation(connection, tag);
            connection.writeLine(initialResponse);
        }
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = connection.readLine();
            if (line.startsWith("+")) {
                // An XOAUTH2 error arrives as a challenge holding JSON; an empty response ends the exchange.
                lines.add(Sasl.decodeChallenge(line.substring(1)));
                connection.writeLine("");
                continue;
            }
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                break;
            }
        }
        finish(tag, lines);
    }

    @Override
    public Phase accessPhase() {
        return Phase.MAILBOX_ACCESS;
    }

    @Override
    public String access(WireConnection connection, String folder, EmailAddress address)
            throws IOException, ServerRefusal {
        try {
            List<String> lines = command(connection, "EXAMINE " + ImapText.mailbox(folder));
            String exists = "";
            for (String line : lines) {
                if (line.startsWith("* ") && line.toUpperCase(Locale.ROOT).endsWith(" EXISTS")) {
                    exists = ", " + line.substring(2, line.length() - " EXISTS".length()) + " messages";
                }
            }
            return "opened " + folder + " read-only" + exists;
        } catch (ServerRefusal refusal) {
            throw new ServerRefusal(refusal.reply() + folderList(connection));
        }
    }

    /** Names up to 20 existing folders, to say what could have been meant. */
    private String folderList(WireConnection connection) {
        try {
            List<String> names = new ArrayList<>();
            for (String line : command(connection, "LIST \"\" \"*\"")) {
                if (line.startsWith("* LIST ") && names.size() < 20) {
                    names.add(listedName(line));
                }
            }
            return names.isEmpty() ? "" : " (existing folders: " + String.join(", ", names) + ")";
        } catch (IOException | ServerRefusal e) {
            return "";
        }
    }

    /** The mailbox name at the end of a LIST line: quoted ({@code "Sent Items"}, with escapes) or an atom. */
    static String listedName(String line) {
        if (!line.endsWith("\"")) {
            return line.substring(line.lastIndexOf(' ') + 1);
        }
        int end = line.length() - 1;
        int start = end - 1;
        while (start >= 0 && !(line.charAt(start) == '"' && (start == 0 || line.charAt(start - 1) != '\\'))) {
            start--;
        }
        return line.substring(start + 1, end).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    @Override
    public void quit(WireConnection connection) {
        try {
            command(connection, "LOGOUT");
        } catch (IOException | ServerRefusal e) {
            // the check is over; a server that drops the line at LOGOUT changes nothing
        }
    }

    private String nextTag() {
        tagCounter++;
        return "mb" + tagCounter;
    }

    private List<String> command(WireConnection connection, String command) throws IOException, ServerRefusal {
        String tag = nextTag();
        connection.writeLine(tag + " " + command);
        return readTagged(connection, tag);
    }

    private List<String> readTagged(WireConnection connection, String tag) throws IOException, ServerRefusal {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = connection.readLine();
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                break;
            }
            if (line.startsWith("* BYE")) {
                throw new ServerRefusal(line);
            }
        }
        finish(tag, lines);
        return lines;
    }

    private static void finish(String tag, List<String> lines) throws ServerRefusal {
        String last = lines.get(lines.size() - 1);
        String status = last.substring(tag.length() + 1);
        if (!status.toUpperCase(Locale.ROOT).startsWith("OK")) {
            StringBuilder reply = new StringBuilder();
            for (String line : lines) {
                if (line.startsWith("* NO") || line.startsWith("* BAD") || line.startsWith("* OK [ALERT]")) {
                    reply.append(line.substring(2)).append(' ');
                } else if (!line.startsWith("*") && !line.startsWith(tag + " ")) {
                    reply.append(line).append(' ');
                }
            }
            reply.append(status);
            throw new ServerRefusal(reply.toString().strip());
        }
    }

    private void expectContinuation(WireConnection connection, String tag) throws IOException, ServerRefusal {
        while (true) {
            String line = connection.readLine();
            if (line.startsWith("+")) {
                return;
            }
            if (line.startsWith(tag + " ")) {
                throw new ServerRefusal(line.substring(tag.length() + 1));
            }
        }
    }

    private static String authMechanisms(Set<String> capabilities) {
        List<String> mechanisms = new ArrayList<>();
        for (String capability : capabilities) {
            if (capability.startsWith("AUTH=")) {
                mechanisms.add(capability.substring(5));
            }
        }
        return mechanisms.isEmpty() ? "only LOGIN" : String.join(", ", mechanisms);
    }
}
