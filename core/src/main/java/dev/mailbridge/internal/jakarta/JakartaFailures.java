package dev.mailbridge.internal.jakarta;

import dev.mailbridge.MailbridgeException;
import dev.mailbridge.Phase;
import dev.mailbridge.Secret;
import dev.mailbridge.Security;
import dev.mailbridge.check.Problem;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.internal.diagnosis.Context;
import dev.mailbridge.internal.diagnosis.Diagnosis;
import dev.mailbridge.internal.net.CertificateVerdict;
import dev.mailbridge.internal.text.Redactor;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.jspecify.annotations.Nullable;

/**
 * Reads what Jakarta Mail's catch-all {@link MessagingException} hides (the I/O failure in its causes, the server's
 * words in a refused login, the certificate verdict of the session) and hands it to the one {@link Diagnosis}, so
 * retrieval and Sent copies name a failure as the connection check does.
 */
public final class JakartaFailures {
    /**
     * What Jakarta's POP3 store says when the connection, not the server, ended a login: it turns every I/O failure
     * during login into an {@link AuthenticationFailedException} that carries only the exception's message.
     */
    private static final String[] CONNECTION_WORDS = {
        "eof on socket", "connection reset", "socket closed", "socket is closed", "broken pipe", "connection closed"
    };

    private JakartaFailures() {}

    /**
     * The Mailbridge exception for {@code e}, met while {@code what} ran in {@code session}.
     *
     * @param phase the phase to report when the failure itself does not tell
     * @param secret the secret presented, scrubbed from anything the server echoed
     */
    public static MailbridgeException map(
            MessagingException e, Context ctx, MailSession session, Phase phase, String what, @Nullable Secret secret) {
        Diagnosed diagnosed = diagnose(e, ctx, session, phase, secret);
        return Diagnosis.exception(diagnosed.problem(), ctx.endpoint(), diagnosed.phase(), what, e);
    }

    /**
     * A problem and the phase it happened in.
     *
     * @param problem the diagnosis
     * @param phase where it happened
     */
    public record Diagnosed(Problem problem, Phase phase) {}

    /** What {@code e} means, as {@link #map} reports it. */
    public static Diagnosed diagnose(
            MessagingException e, Context ctx, MailSession session, Phase phase, @Nullable Secret secret) {
        Problem problem;
        Phase at = phase;
        IOException io = ioCause(e);
        if (startTlsMissing(e)) {
            // Before the AUTHENTICATION branch: Jakarta's POP3 store reports a missing STLS as a failed login.
            at = Phase.STARTTLS;
            problem = new Problem(
                    ProblemCode.STARTTLS_NOT_OFFERED,
                    ctx.endpoint().host() + " port " + ctx.endpoint().port() + " does not offer STARTTLS",
                    null,
                    "Use IMPLICIT_TLS on port " + ctx.protocol().defaultPort(Security.IMPLICIT_TLS)
                            + "; Mailbridge never continues in plaintext when STARTTLS was asked for. If the server"
                            + " offers STARTTLS to other clients, something on the network removes it.");
        } else if (e instanceof AuthenticationFailedException) {
            at = Phase.AUTHENTICATION;
            String reply = scrub(String.valueOf(e.getMessage()), secret);
            problem = connectionEndedLogin(reply)
                    ? Diagnosis.ioFailure(ctx, at, new java.io.EOFException(reply), session.verdict())
                    : Diagnosis.refusal(ctx, at, reply);
        } else if (e instanceof FolderNotFoundException) {
            problem = new Problem(
                    ProblemCode.FOLDER_NOT_FOUND,
                    "the folder " + ((FolderNotFoundException) e).getFolder() + " does not exist",
                    null,
                    "Check the folder name; names are case-sensitive except INBOX.");
        } else if (io != null) {
            at = phaseOf(io, ctx, session.verdict(), phase);
            problem = Diagnosis.ioFailure(ctx, at, io, session.verdict());
        } else if (connectionGone(e)) {
            problem = Diagnosis.ioFailure(
                    ctx, phase, new java.io.EOFException(String.valueOf(e.getMessage())), session.verdict());
        } else {
            problem = new Problem(
                    ProblemCode.PROTOCOL_ERROR,
                    ctx.endpoint().host() + " answered " + ctx.protocol() + " unexpectedly",
                    Redactor.oneLine(scrub(String.valueOf(e.getMessage()), secret), 300),
                    "Run MailboxClient.check(account) for a diagnosis of the server.");
        }
        return new Diagnosed(problem, at);
    }

    /** An I/O failure outside a Jakarta call (reading a message's content, resolving the host). */
    public static MailbridgeException map(IOException e, Context ctx, MailSession session, Phase phase, String what) {
        Phase at = phaseOf(e, ctx, session.verdict(), phase);
        return Diagnosis.exception(Diagnosis.ioFailure(ctx, at, e, session.verdict()), ctx.endpoint(), at, what, e);
    }

    /**
     * Whether Jakarta threw {@code e}: its folders throw {@link IllegalStateException} ("Folder not open", "Folder is
     * not Open") from any call once the connection under them has died and they closed themselves, a lost connection
     * and retryable.
     */
    public static boolean thrownByJakarta(IllegalStateException e) {
        StackTraceElement[] trace = e.getStackTrace();
        if (trace.length == 0) {
            return false;
        }
        String origin = trace[0].getClassName();
        return origin.startsWith("jakarta.mail.") || origin.startsWith("org.eclipse.angus.mail.");
    }

    /**
     * The lost connection behind {@code e}, which {@link #thrownByJakarta} says came from Jakarta's folder or store,
     * not from the application's checkpoint store or handler.
     */
    public static MailbridgeException folderClosedUnderneath(
            IllegalStateException e, Context ctx, MailSession session, Phase phase, String what) {
        Problem problem = Diagnosis.ioFailure(
                ctx,
                phase,
                new java.io.EOFException("the connection ended under an open folder (" + e.getMessage() + ")"),
                session.verdict());
        return Diagnosis.exception(problem, ctx.endpoint(), phase, what, e);
    }

    /** The host did not resolve before a session could be made. */
    public static MailbridgeException unknownHost(UnknownHostException e, Context ctx, String what) {
        Problem problem = Diagnosis.ioFailure(
                ctx,
                Phase.DNS,
                e,
                new dev.mailbridge.internal.net.CertificateVerdict(
                        ctx.endpoint().asciiHost()));
        return Diagnosis.exception(problem, ctx.endpoint(), Phase.DNS, what, e);
    }

    private static Phase phaseOf(IOException io, Context ctx, CertificateVerdict verdict, Phase otherwise) {
        if (io instanceof UnknownHostException) {
            return Phase.DNS;
        }
        if (io instanceof ConnectException || io instanceof SocketConnectException) {
            return Phase.TCP_CONNECT;
        }
        if (io instanceof SSLException) {
            return ctx.endpoint().security() == Security.STARTTLS ? Phase.STARTTLS : Phase.TLS_HANDSHAKE;
        }
        if (ctx.endpoint().security() == Security.IMPLICIT_TLS
                && verdict.outcome() == CertificateVerdict.Outcome.NOT_CHECKED) {
            // No certificate was judged on an implicit-TLS connection: it ended before the handshake got that far.
            return Phase.TLS_HANDSHAKE;
        }
        return otherwise;
    }

    /**
     * The I/O failure among the causes and next exceptions, which Jakarta nests differently per protocol: a TLS failure
     * wherever it is (POP3 wraps a failed STLS handshake in "Could not convert socket to TLS"), else the innermost
     * I/O failure (Angus's {@link SocketConnectException} wraps the real refusal or timeout).
     */
    private static @Nullable IOException ioCause(Throwable e) {
        IOException innermost = null;
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; depth++) {
            if (t instanceof SSLException tls) {
                return tls;
            }
            if (t instanceof IOException io) {
                innermost = io;
            }
            Throwable next = t instanceof MessagingException m && m.getNextException() != null
                    ? m.getNextException()
                    : t.getCause();
            t = next == t ? null : next;
        }
        return innermost;
    }

    private static boolean connectionEndedLogin(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        for (String words : CONNECTION_WORDS) {
            if (lower.contains(words)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Angus's words for a server that did not offer the upgrade we require: "STARTTLS required but not supported by
     * server" (IMAP), "STLS required but not supported" (POP3), "STARTTLS is required but host does not support
     * STARTTLS" (SMTP).
     */
    private static boolean startTlsMissing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String lower = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if ((lower.contains("starttls") || lower.contains("stls"))
                    && lower.contains("required but")
                    && lower.contains("support")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The connection ended under a command: a closed store or folder, or the IMAP layer's own connection exception
     * (a BYE Jakarta makes up when the socket reaches its end).
     */
    private static boolean connectionGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreClosedException
                    || t instanceof FolderClosedException
                    || t instanceof org.eclipse.angus.mail.iap.ConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static String scrub(String text, @Nullable Secret secret) {
        return secret == null ? text : Redactor.scrub(text, secret);
    }
}
