package dev.mailbridge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@link MailboxAccount.Builder} as a whole and collects every problem, so a setup screen can show them all
 * at once. Kept apart from the builder because the rules (port and security pairs, the two insecure opt-ins, profile
 * defaults) are the part most likely to grow.
 */
final class AccountValidation {
    private AccountValidation() {}

    /** An endpoint as the user gave it, checked only at build time. */
    record RawEndpoint(String host, int port, Security security) {}

    /** The checked parts of a valid account. */
    record Result(
            EmailAddress address,
            @Nullable IncomingServer incoming,
            @Nullable OutgoingServer outgoing,
            Credentials credentials,
            Set<EmailAddress> sendAsAliases) {}

    static RawEndpoint raw(Endpoint endpoint) {
        return new RawEndpoint(endpoint.host(), endpoint.port(), endpoint.security());
    }

    static Result validate(MailboxAccount.Builder b) {
        List<String> problems = new ArrayList<>();
        EmailAddress address = null;
        if (b.address == null) {
            problems.add("address is missing: call address(\"dana@example.com\")");
        } else {
            String problem = EmailAddress.problemWith(b.address);
            if (problem == null) {
                address = EmailAddress.of(b.address);
            } else {
                problems.add(problem);
            }
        }
        Set<EmailAddress> aliases = new LinkedHashSet<>();
        for (String alias : b.sendAsAliases) {
            String problem = EmailAddress.problemWith(alias);
            if (problem == null) {
                aliases.add(EmailAddress.of(alias));
            } else {
                problems.add("sendAsAliases: " + problem);
            }
        }
        if (b.displayName != null && containsLineBreak(b.displayName)) {
            problems.add("displayName contains a line break: give one line of text");
        }
        if (b.credentials == null) {
            problems.add("credentials are missing: call credentials(Credentials.password(...)), appPassword(...) or"
                    + " oauth2(...)");
        }
        ProviderProfile profile = b.profile;
        if (profile != null
                && b.credentials != null
                && !profile.acceptedCredentials().contains(b.credentials.kind())) {
            problems.add("credentials: " + profile.displayName() + " does not accept " + b.credentials.kind()
                    + "; it accepts " + profile.acceptedCredentials());
        }

        Protocol incomingProtocol = b.incomingProtocol;
        RawEndpoint incomingRaw = b.incomingEndpoint;
        if (incomingRaw == null && profile != null) {
            if (incomingProtocol == null) {
                incomingProtocol = profile.imapEndpoints().isEmpty() ? Protocol.POP3 : Protocol.IMAP;
            }
            List<Endpoint> offered = profile.endpoints(incomingProtocol);
            if (offered.isEmpty()) {
                problems.add("incoming: " + profile.displayName() + " offers no " + incomingProtocol + " server");
            } else {
                incomingRaw = raw(offered.get(0));
            }
        }
        RawEndpoint outgoingRaw = b.outgoingEndpoint;
        if (outgoingRaw == null && profile != null) {
            outgoingRaw = raw(profile.smtpEndpoints().get(0));
        }
        if (incomingRaw == null && outgoingRaw == null && problems.isEmpty()) {
            problems.add("no server is set: call imap(...) or pop3(...) to read mail and smtp(...) to send,"
                    + " or profile(...) to use a provider's servers");
        }

        String defaultUsername = null;
        if (address != null) {
            defaultUsername =
                    (profile == null ? UsernameForm.EMAIL_ADDRESS : profile.usernameForm()).usernameFor(address);
        }
        IncomingServer incoming = null;
        if (incomingRaw != null && incomingProtocol != null) {
            Endpoint endpoint = endpoint("incoming", incomingProtocol, incomingRaw, b, problems);
            String username = b.incomingUsername != null ? b.incomingUsername : defaultUsername;
            String control = username == null ? null : ControlCharacters.problemWith("incomingUsername", username);
            if (username != null && username.isBlank()) {
                problems.add("incomingUsername is blank: usually it is the full email address");
            } else if (control != null) {
                problems.add(control);
            } else if (endpoint != null && username != null) {
                incoming = new IncomingServer(incomingProtocol, endpoint, username);
            }
        }
        OutgoingServer outgoing = null;
        if (outgoingRaw != null) {
            Endpoint endpoint = endpoint("outgoing", Protocol.SMTP, outgoingRaw, b, problems);
            String username = b.outgoingUsername != null
                    ? b.outgoingUsername
                    : b.incomingUsername != null ? b.incomingUsername : defaultUsername;
            String control = username == null ? null : ControlCharacters.problemWith("outgoingUsername", username);
            if (username != null && username.isBlank()) {
                problems.add("outgoingUsername is blank: usually it is the full email address");
            } else if (control != null) {
                problems.add(control);
            } else if (endpoint != null && username != null) {
                outgoing = new OutgoingServer(endpoint, username);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException("account", problems);
        }
        // All null cases added a problem above.
        return new Result(requireFound(address), incoming, outgoing, requireFound(b.credentials), Set.copyOf(aliases));
    }

    private static <T> T requireFound(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("validation passed without a required value");
        }
        return value;
    }

    private static @Nullable Endpoint endpoint(
            String field, Protocol protocol, RawEndpoint raw, MailboxAccount.Builder b, List<String> problems) {
        int before = problems.size();
        if (raw.host().isBlank()) {
            problems.add(field + ".host is blank: give the server's name, such as " + exampleHost(protocol));
        }
        if (raw.port() < 1 || raw.port() > 65535) {
            problems.add(field + ".port " + raw.port() + " is outside 1-65535: " + protocol + " normally uses "
                    + standardPortsText(protocol));
        } else {
            String mismatch = portMismatch(protocol, raw.port(), raw.security());
            if (mismatch != null) {
                problems.add(field + ": " + mismatch);
            }
        }
        if (raw.security() == Security.NONE) {
            if (!b.unencryptedAllowed) {
                problems.add(field + ".security is NONE, which sends mail and credentials in clear text: use "
                        + Security.IMPLICIT_TLS + " on " + protocol.defaultPort(Security.IMPLICIT_TLS)
                        + ", or call allowUnencryptedConnections() if this server offers nothing else");
            } else if (!b.credentialsInClearAllowed) {
                problems.add(field + ".security is NONE and the " + protocol
                        + " login would send the credentials in clear text: call"
                        + " allowCredentialsOverUnencryptedConnections() to accept that risk, or use TLS");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            return new Endpoint(raw.host(), raw.port(), raw.security());
        } catch (IllegalArgumentException e) {
            problems.add(field + "." + e.getMessage());
            return null;
        }
    }

    /**
     * Names a port that belongs to another security mode or another protocol, or {@code null} when the pair is
     * plausible. Non-standard ports (2525, 26, 1143...) pass: only the connection check can tell what they speak.
     */
    static @Nullable String portMismatch(Protocol protocol, int port, Security security) {
        Security meant = protocol.standardSecurityOf(port);
        if (meant == null) {
            for (Protocol other : Protocol.values()) {
                if (other != protocol && other.standardSecurityOf(port) != null) {
                    return "port " + port + " is a standard " + other + " port, not " + protocol + ": " + protocol
                            + " uses " + standardPortsText(protocol);
                }
            }
            return null;
        }
        if (meant == Security.IMPLICIT_TLS && security == Security.STARTTLS) {
            return "port " + port + " is the implicit-TLS " + protocol + " port; STARTTLS there will time out waiting"
                    + " for a greeting: use IMPLICIT_TLS on " + port + ", or STARTTLS on "
                    + protocol.defaultPort(Security.STARTTLS);
        }
        if (meant == Security.IMPLICIT_TLS && security == Security.NONE) {
            return "port " + port + " is the implicit-TLS " + protocol + " port; a plaintext connection there gets no"
                    + " answer: use IMPLICIT_TLS on " + port;
        }
        if (meant == Security.STARTTLS && security == Security.IMPLICIT_TLS) {
            return "port " + port + " is the STARTTLS " + protocol + " port; implicit TLS there fails in the handshake:"
                    + " use STARTTLS on " + port + ", or IMPLICIT_TLS on "
                    + protocol.defaultPort(Security.IMPLICIT_TLS);
        }
        return null;
    }

    private static String standardPortsText(Protocol protocol) {
        StringBuilder text = new StringBuilder();
        for (Protocol.PortSecurity ps : protocol.standardPorts()) {
            if (text.length() > 0) {
                text.append(" or ");
            }
            text.append(ps.port()).append(" (").append(ps.security()).append(')');
        }
        return text.toString();
    }

    private static String exampleHost(Protocol protocol) {
        return switch (protocol) {
            case IMAP -> "imap.example.com";
            case POP3 -> "pop.example.com";
            case SMTP -> "smtp.example.com";
        };
    }

    private static boolean containsLineBreak(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0;
    }
}
