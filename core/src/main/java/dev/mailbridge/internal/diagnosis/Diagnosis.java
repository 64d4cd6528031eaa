package dev.mailbridge.internal.diagnosis;

import static dev.mailbridge.internal.diagnosis.ReplyPatterns.matches;

import dev.mailbridge.AppPasswordPolicy;
import dev.mailbridge.AuthenticationException;
import dev.mailbridge.ConnectionException;
import dev.mailbridge.Credentials;
import dev.mailbridge.EmailAddress;
import dev.mailbridge.Endpoint;
import dev.mailbridge.MailbridgeException;
import dev.mailbridge.Phase;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.ServerResponseException;
import dev.mailbridge.TlsException;
import dev.mailbridge.check.Problem;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.internal.net.CertificateVerdict;
import dev.mailbridge.internal.net.Connector;
import dev.mailbridge.internal.net.WireConnection;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what went wrong (an I/O failure with the certificate verdict, or the server's refusal) into a {@link Problem}
 * with a stable code, a one-line message and a concrete fix that uses the provider profile's knowledge where there is
 * one. The connection check, retrieval, sending and Sent copies all ask here, so the same failure gets the same answer
 * whichever of them met it.
 */
public final class Diagnosis {
    private Diagnosis() {}

    /** What {@code failure} during {@code phase} means; {@code verdict} holds what the certificate check found. */
    public static Problem ioFailure(Context ctx, Phase phase, IOException failure, CertificateVerdict verdict) {
        String host = ctx.endpoint().host();
        int port = ctx.endpoint().port();
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof Connector.ResolverFailure) {
            return new Problem(
                    ProblemCode.UNKNOWN_HOST,
                    host + " could not be looked up: " + detail,
                    null,
                    "The Dns given to MailboxClient.Builder.dns(...) threw instead of answering: the application log"
                            + " or its own tests should show why.");
        }
        if (failure instanceof UnknownHostException) {
            return new Problem(
                    ProblemCode.UNKNOWN_HOST,
                    host + " does not resolve in DNS",
                    null,
                    "Check the spelling of the server name " + host + "." + Advice.knownServers(ctx));
        }
        if (failure instanceof NoRouteToHostException) {
            return new Problem(
                    ProblemCode.HOST_UNREACHABLE,
                    "no network route to " + host,
                    null,
                    "Check this machine's network, VPN or firewall; the server's address cannot be reached from here.");
        }
        if (failure instanceof ConnectException) {
            return new Problem(
                    ProblemCode.CONNECTION_REFUSED,
                    "nothing accepts connections on " + host + " port " + port,
                    null,
                    "Check the port: " + ctx.protocol() + " normally listens on " + Advice.standardPorts(ctx.protocol())
                            + "." + Advice.knownServers(ctx));
        }
        if (failure instanceof SocketTimeoutException) {
            String during = switch (phase) {
                case TCP_CONNECT -> "connecting to";
                case GREETING -> "waiting for the greeting of";
                default -> "waiting for an answer from";
            };
            return new Problem(
                    ProblemCode.TIMEOUT,
                    "timed out " + during + " " + host + " port " + port + " (" + phase + ")",
                    null,
                    switch (phase) {
                        case TCP_CONNECT ->
                            "A firewall may be dropping port " + port + ", or the server is down; check the port and"
                                    + " try again later.";
                        // Found against Dovecot (and Postfix using its SASL): a failed login is answered only after a
                        // penalty delay that doubles per failure from the same address, up to 15 s.
                        case AUTHENTICATION ->
                            "The server did not answer the login in time. Many servers (Dovecot among them) delay the"
                                    + " answer to a failed login by up to 15 s, so check the password first; if it is"
                                    + " right, raise the client's read timeout above 15 s.";
                        default ->
                            "The server accepted the connection but went quiet; retry later, and check that port "
                                    + port + " is meant for " + ctx.protocol() + ".";
                    });
        }
        if (failure instanceof SSLException tls && !cutByTheNetwork(tls, verdict)) {
            return tlsFailure(ctx, phase, tls, verdict);
        }
        if (failure instanceof WireConnection.ConnectionClosedException
                || failure instanceof java.net.SocketException
                || failure instanceof java.io.EOFException
                || failure instanceof SSLException) {
            return new Problem(
                    ProblemCode.CONNECTION_LOST,
                    "the connection to " + host + " broke during " + phase + " (" + detail + ")",
                    null,
                    "Retry; if it fails at the same step every time, check that port " + port + " is meant for "
                            + ctx.protocol() + " with " + ctx.endpoint().security() + ".");
        }
        return new Problem(
                ProblemCode.CONNECTION_LOST,
                "I/O failure with " + host + " during " + phase + ": " + detail,
                null,
                "Retry; if it persists, check the network between this machine and " + host + ".");
    }

    /**
     * Whether a TLS failure is the connection going away mid-handshake (end of stream or a reset, before any certificate
     * was judged), which is the network's doing and worth a retry, rather than a TLS disagreement with the server.
     */
    private static boolean cutByTheNetwork(SSLException failure, CertificateVerdict verdict) {
        if (verdict.outcome() != CertificateVerdict.Outcome.NOT_CHECKED) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.io.EOFException || t instanceof java.net.SocketException) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("remote host terminated the handshake")
                    || message.contains("connection reset")
                    || message.contains("broken pipe")) {
                return true;
            }
        }
        return false;
    }

    private static Problem tlsFailure(Context ctx, Phase phase, SSLException failure, CertificateVerdict verdict) {
        String host = ctx.endpoint().host();
        int port = ctx.endpoint().port();
        String detail = String.valueOf(failure.getMessage());
        switch (verdict.outcome()) {
            case UNTRUSTED -> {
                return new Problem(
                        ProblemCode.CERTIFICATE_UNTRUSTED,
                        "the certificate of " + host + " (issued by " + verdict.issuer() + ", for "
                                + String.join(", ", verdict.certificateNames()) + ") is not trusted",
                        null,
                        "If this is your own server with a private or self-signed certificate, add its CA to the"
                                + " client with TlsTrust.fromPkcs12(...); otherwise the connection may be intercepted"
                                + " or the certificate expired: check it with the provider. Certificate checks cannot"
                                + " be switched off.");
            }
            case NAME_MISMATCH -> {
                List<String> typable = verdict.typableNames();
                return new Problem(
                        ProblemCode.CERTIFICATE_NAME_MISMATCH,
                        "the certificate of " + host + " is for " + String.join(", ", verdict.certificateNames())
                                + ", not for " + host,
                        null,
                        (typable.isEmpty()
                                        ? "Ask the provider for the server name its certificate is issued for."
                                        : "Use the host name the certificate is for as the server: "
                                                + String.join(" or ", typable) + ".")
                                + " On shared hosting (cPanel, HostGator) that is the server name from the welcome"
                                + " email or the cPanel Email Accounts page, not mail.<your domain>.");
            }
            default -> {
                // fall through to the handshake-level causes below
            }
        }
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.contains("unrecognized ssl message")
                || lower.contains("plaintext connection")
                || lower.contains("unsupported or unrecognized")) {
            return new Problem(
                    ProblemCode.IMPLICIT_TLS_ON_PLAINTEXT_PORT,
                    "port " + port + " on " + host + " answered in plaintext, but " + phase + " expected TLS",
                    null,
                    "Port " + port + " expects a plaintext greeting: choose STARTTLS on " + port
                            + ", or IMPLICIT_TLS on " + ctx.protocol().defaultPort(Security.IMPLICIT_TLS) + ".");
        }
        if (verdict.outcome() == CertificateVerdict.Outcome.VALID
                && (lower.contains("bad_certificate") || lower.contains("certificate_required"))) {
            // Our check of the server passed, so the alert is about us: the server wants a client certificate.
            return new Problem(
                    ProblemCode.TLS_HANDSHAKE_FAILED,
                    host + " port " + port + " demands a client certificate (" + detail + ")",
                    null,
                    "This port requires mutual TLS, which mail clients do not use: ask the provider for the port"
                            + " meant for mail apps.");
        }
        if (lower.contains("protocol_version")
                || lower.contains("no appropriate protocol")
                || lower.contains("handshake_failure")
                || lower.contains("insufficient_security")) {
            return new Problem(
                    ProblemCode.TLS_HANDSHAKE_FAILED,
                    "TLS with " + host + " port " + port + " failed: no common protocol version or cipher (" + detail
                            + ")",
                    null,
                    "Mailbridge requires TLS 1.2 or 1.3. Ask the provider to update the server, or try its other"
                            + " ports.");
        }
        return new Problem(
                ProblemCode.TLS_HANDSHAKE_FAILED,
                "TLS with " + host + " port " + port + " failed during " + phase + ": " + detail,
                null,
                "Check that port " + port + " is meant for " + ctx.endpoint().security()
                        + "; if it is, the server's TLS setup is broken.");
    }

    /** A server's refusal at {@code phase}. {@code reply} is already free of secrets. */
    public static Problem refusal(Context ctx, Phase phase, String reply) {
        String host = ctx.endpoint().host();
        if (matches(ReplyPatterns.TOO_MANY_CONNECTIONS, reply)) {
            return new Problem(
                    ProblemCode.TOO_MANY_CONNECTIONS,
                    ctx.providerName() + " refused the session: the mailbox has too many connections open",
                    reply,
                    "This is not a password problem. Close other mail apps or sync tools using this mailbox, or wait a"
                            + " few minutes for old sessions to time out"
                            + (ctx.profile() != null
                                            && ctx.profile().maxConnections().isPresent()
                                    ? " (" + ctx.profile().displayName() + " allows "
                                            + ctx.profile().maxConnections().getAsInt() + ")"
                                    : "")
                            + ".");
        }
        return switch (phase) {
            case GREETING -> greetingRefusal(ctx, reply);
            case STARTTLS ->
                new Problem(
                        ProblemCode.STARTTLS_NOT_OFFERED,
                        host + " refused the STARTTLS command",
                        reply,
                        "Use IMPLICIT_TLS on port " + ctx.protocol().defaultPort(Security.IMPLICIT_TLS)
                                + ", or retry later if the server said the refusal is temporary.");
            case AUTHENTICATION -> authRefusal(ctx, reply);
            case MAILBOX_ACCESS -> accessRefusal(ctx, reply);
            case SMTP_ENVELOPE -> envelopeRefusal(ctx, reply);
            default ->
                new Problem(
                        ProblemCode.PROTOCOL_ERROR,
                        host + " answered " + ctx.protocol() + " unexpectedly during " + phase,
                        reply,
                        "Check that port " + ctx.endpoint().port() + " is meant for " + ctx.protocol() + ".");
        };
    }

    private static Problem greetingRefusal(Context ctx, String reply) {
        String speaks = ReplyPatterns.protocolOfGreeting(reply);
        if (speaks != null && !speaks.equals(ctx.protocol().toString())) {
            return new Problem(
                    ProblemCode.PROTOCOL_ERROR,
                    "port " + ctx.endpoint().port() + " on " + ctx.endpoint().host() + " answers like a " + speaks
                            + " server, not " + ctx.protocol(),
                    reply,
                    "Use a " + ctx.protocol() + " port: " + Advice.standardPorts(ctx.protocol()) + ".");
        }
        if (speaks == null) {
            return new Problem(
                    ProblemCode.PROTOCOL_ERROR,
                    "port " + ctx.endpoint().port() + " on " + ctx.endpoint().host() + " does not answer like a mail"
                            + " server",
                    reply,
                    "Use a " + ctx.protocol() + " port: " + Advice.standardPorts(ctx.protocol()) + ".");
        }
        return new Problem(
                ProblemCode.SERVER_UNAVAILABLE,
                ctx.endpoint().host() + " refused the session at its greeting",
                reply,
                "Retry later. If it persists, this machine's IP address may be blocked: ask the provider.");
    }

    private static Problem authRefusal(Context ctx, String reply) {
        var profile = ctx.profile();
        Credentials.Kind kind = ctx.credentialKind();
        if (matches(ReplyPatterns.BASIC_AUTH_DISABLED, reply)) {
            boolean smtpAuthOff = reply.toLowerCase(Locale.ROOT).contains("smtpclientauthentication");
            return new Problem(
                    ProblemCode.BASIC_AUTH_DISABLED,
                    smtpAuthOff
                            ? "authenticated SMTP is disabled for this mailbox or its organisation"
                            : "password login is disabled for this organisation",
                    reply,
                    smtpAuthOff
                            ? "An administrator must enable Authenticated SMTP for the mailbox (Microsoft 365 admin"
                                    + " center > Users > the user > Mail > Manage email apps), or connect with OAuth2"
                                    + " via Credentials.oauth2(...)."
                            : "Connect with OAuth2 via Credentials.oauth2(...); passwords and app passwords are no"
                                    + " longer accepted by " + ctx.providerName() + " for this organisation.");
        }
        if (matches(ReplyPatterns.PROTOCOL_DISABLED, reply)) {
            return protocolDisabled(ctx, reply);
        }
        if (matches(ReplyPatterns.TLS_FIRST, reply)) {
            return new Problem(
                    ProblemCode.AUTH_METHOD_UNAVAILABLE,
                    ctx.endpoint().host() + " refuses to log in before the connection is encrypted",
                    reply,
                    "Use IMPLICIT_TLS on port " + ctx.protocol().defaultPort(Security.IMPLICIT_TLS) + " or STARTTLS on "
                            + ctx.protocol().defaultPort(Security.STARTTLS) + ".");
        }
        if (kind == Credentials.Kind.OAUTH2) {
            return new Problem(
                    ProblemCode.AUTHENTICATION_REJECTED,
                    "the OAuth2 access token for " + ctx.username() + " was rejected"
                            + (matches(ReplyPatterns.TOKEN_REJECTED, reply)
                                    ? " (expired, revoked or missing a scope)"
                                    : ""),
                    reply,
                    "Refresh the token and check that it was granted the mail scope"
                            + (profile != null && profile.oauth2().isPresent()
                                    ? " ("
                                            + String.join(
                                                    " ", profile.oauth2().get().scopes()) + ")"
                                    : "")
                            + " for the user " + ctx.username() + ".");
        }
        boolean appPasswordWords = matches(ReplyPatterns.APP_PASSWORD, reply);
        boolean profileSaysAlways = profile != null && profile.appPasswordPolicy() == AppPasswordPolicy.ALWAYS;
        boolean temporary = matches(ReplyPatterns.TEMPORARY, reply) && !reply.startsWith("5");
        // The server's own words first; the profile's rule only for a refusal the words do not explain.
        if (appPasswordWords && kind == Credentials.Kind.PASSWORD) {
            return appPasswordRequired(ctx, reply);
        }
        if (appPasswordWords && ReplyPatterns.TEMPORARY.matcher(reply).find()) {
            return new Problem(
                    ProblemCode.SERVER_UNAVAILABLE,
                    ctx.providerName() + " asks for a sign-in in a browser before mail apps may log in",
                    reply,
                    "Sign in to the account in a web browser once, confirm any security prompt, then retry.");
        }
        if (temporary) {
            return new Problem(
                    ProblemCode.SERVER_UNAVAILABLE,
                    ctx.endpoint().host() + " could not log in right now",
                    reply,
                    "Retry in a few minutes; the server said the failure is temporary.");
        }
        if (profileSaysAlways && kind == Credentials.Kind.PASSWORD) {
            return appPasswordRequired(ctx, reply);
        }
        StringBuilder fix = new StringBuilder("Check the username and the ")
                .append(kind == Credentials.Kind.APP_PASSWORD ? "app password" : "password")
                .append(". The username sent was ")
                .append(usernameForm(ctx))
                .append('.');
        if (profile == null) {
            fix.append(otherUsernameForm(ctx));
        } else {
            fix.append(' ')
                    .append(profile.displayName())
                    .append(" expects ")
                    .append(
                            profile.usernameForm() == dev.mailbridge.UsernameForm.EMAIL_ADDRESS
                                    ? "the full email address"
                                    : "the part before the @");
            fix.append('.');
            if (kind == Credentials.Kind.PASSWORD && profile.appPasswordPolicy() != AppPasswordPolicy.NOT_NEEDED) {
                fix.append(" If two-step verification is on, create an app password")
                        .append(Advice.appPasswordPage(ctx))
                        .append(" and use Credentials.appPassword(...).");
            }
            if (kind == Credentials.Kind.APP_PASSWORD) {
                fix.append(" App passwords are revoked when the account password changes: create a new one")
                        .append(Advice.appPasswordPage(ctx))
                        .append('.');
            }
        }
        return new Problem(
                ProblemCode.AUTHENTICATION_REJECTED,
                ctx.endpoint().host() + " rejected the login of " + ctx.username(),
                reply,
                fix.toString());
    }

    private static Problem appPasswordRequired(Context ctx, String reply) {
        return new Problem(
                ProblemCode.APP_PASSWORD_REQUIRED,
                ctx.providerName() + " does not accept the account password for " + ctx.protocol()
                        + "; it wants an app password",
                reply,
                "Create an app password" + Advice.appPasswordPage(ctx) + " and use it with"
                        + " Credentials.appPassword(...) (spaces as shown are fine).");
    }

    /** "dana@example.com (the full address)" or "dana (the part before the @)" or the name as it is. */
    private static String usernameForm(Context ctx) {
        EmailAddress address = ctx.address();
        if (address != null && ctx.username().equalsIgnoreCase(address.toString())) {
            return ctx.username() + " (the full address)";
        }
        if (address != null && ctx.username().equalsIgnoreCase(address.localPart())) {
            return ctx.username() + " (the part before the @)";
        }
        return ctx.username();
    }

    /** Advice to try the other username form, when the one sent was one of the two. */
    private static String otherUsernameForm(Context ctx) {
        EmailAddress address = ctx.address();
        if (address == null) {
            return "";
        }
        if (ctx.username().equalsIgnoreCase(address.toString())) {
            return " Some servers want only the part before the @: try " + address.localPart()
                    + " with MailboxAccount.Builder.incomingUsername(...) and outgoingUsername(...).";
        }
        if (ctx.username().equalsIgnoreCase(address.localPart())) {
            return " Most servers want the full address: try " + address
                    + " with MailboxAccount.Builder.incomingUsername(...) and outgoingUsername(...).";
        }
        return " Servers usually want the full address (" + address + ") or the part before the @ ("
                + address.localPart() + ").";
    }

    private static Problem protocolDisabled(Context ctx, String reply) {
        var profile = ctx.profile();
        return new Problem(
                ProblemCode.MAIL_PROTOCOL_DISABLED,
                ctx.protocol() + " access is switched off for " + ctx.username(),
                reply,
                "Enable " + ctx.protocol() + " in the mailbox's settings"
                        + (profile != null && profile.enableMailProtocolsPage().isPresent()
                                ? " at " + profile.enableMailProtocolsPage().get()
                                : "")
                        + ", or ask the administrator to allow it for this mailbox; then retry.");
    }

    private static Problem accessRefusal(Context ctx, String reply) {
        if (matches(ReplyPatterns.PROTOCOL_DISABLED, reply)) {
            return protocolDisabled(ctx, reply);
        }
        if (ctx.protocol() == Protocol.POP3) {
            // Only the server's words may say POP is off (matched above); anything else is a refusal we cannot name.
            return new Problem(
                    ProblemCode.PROTOCOL_ERROR,
                    "the POP3 maildrop of " + ctx.username() + " cannot be opened",
                    reply,
                    "Retry later; if it persists, ask the provider what the server's answer means.");
        }
        return new Problem(
                ProblemCode.FOLDER_NOT_FOUND,
                "the folder cannot be opened",
                reply,
                "Check the folder name; names are case-sensitive except INBOX, and sub-folders use the server's"
                        + " separator (often '/' or '.').");
    }

    private static Problem envelopeRefusal(Context ctx, String reply) {
        if (reply.startsWith("4")) {
            return new Problem(
                    ProblemCode.SERVER_UNAVAILABLE,
                    ctx.endpoint().host() + " temporarily refused the sender",
                    reply,
                    "Retry later; the server said the refusal is temporary.");
        }
        return new Problem(
                ProblemCode.SENDER_REJECTED,
                ctx.endpoint().host() + " will not let " + ctx.username() + " send as this mailbox's address",
                reply,
                "Send as the address the login belongs to, or have the administrator allow this address for the login"
                        + " (an alias or 'send as' permission).");
    }

    /** The server offers no login mechanism usable on this connection. */
    public static Problem authUnavailable(Context ctx, String why, boolean encrypted) {
        int port = ctx.endpoint().port();
        String fix;
        if (ctx.credentialKind() == Credentials.Kind.OAUTH2) {
            fix = "This server does not take OAuth2 tokens on port " + port
                    + ": use a password or app password instead, or the provider's OAuth2-enabled server.";
        } else if (ctx.protocol() == Protocol.SMTP && port == 25) {
            fix = "Port 25 is for server-to-server relay and offers no login: use SMTP submission on 587 (STARTTLS) or"
                    + " 465 (IMPLICIT_TLS).";
        } else if (ctx.protocol() == Protocol.SMTP && encrypted) {
            fix = "Port " + port + " offers no login for this connection: use SMTP submission on 587 (STARTTLS) or 465"
                    + " (IMPLICIT_TLS), or ask the provider which port takes a login.";
        } else if (encrypted) {
            fix = "Port " + port + " offers no password login even over TLS: ask the provider which login methods"
                    + " the server accepts.";
        } else {
            fix = "Use IMPLICIT_TLS on port " + ctx.protocol().defaultPort(Security.IMPLICIT_TLS) + " or STARTTLS on "
                    + ctx.protocol().defaultPort(Security.STARTTLS) + "; most servers offer login only over TLS.";
        }
        return new Problem(ProblemCode.AUTH_METHOD_UNAVAILABLE, why, null, fix);
    }

    /**
     * The token source failed or gave an unusable token. {@code failure} is Mailbridge's own description from {@link
     * Credentials#secretForNewConnection()}, which names the source's exception class but never its message, because
     * that may describe the token.
     */
    public static Problem tokenUnavailable(Context ctx, IllegalStateException failure) {
        return new Problem(
                ProblemCode.TOKEN_UNAVAILABLE,
                "no OAuth2 access token for " + ctx.username() + ": " + failure.getMessage(),
                null,
                "Check the application's OAuth2 grant for this mailbox: the refresh token may have been revoked.");
    }

    /**
     * The exception for {@code problem}, of the family that says what the caller does next, with a message that names
     * {@code what} failed where, the problem, the server's words and the fix.
     */
    public static MailbridgeException exception(
            Problem problem, @Nullable Endpoint endpoint, Phase phase, String what, @Nullable Throwable cause) {
        String message = what + (endpoint == null ? "" : " on " + endpoint) + " failed at " + phase + ": "
                + problem.message() + " [" + problem.code() + "]"
                + (problem.serverReply() == null ? "" : "; the server said: " + problem.serverReply())
                + ". " + problem.fix();
        ProblemCode code = problem.code();
        boolean retry = code.isRetryable();
        return switch (code.category()) {
            case CONNECTION -> new ConnectionException(message, endpoint, phase, code, retry, cause);
            case TLS -> new TlsException(message, endpoint, phase, code, retry, cause);
            case AUTHENTICATION -> new AuthenticationException(message, endpoint, phase, code, retry, cause);
            case SERVER_RESPONSE, MESSAGE -> new ServerResponseException(message, endpoint, phase, code, retry, cause);
        };
    }
}
