package dev.mailbridge.internal.sending;

import dev.mailbridge.Credentials;
import dev.mailbridge.EmailAddress;
import dev.mailbridge.Endpoint;
import dev.mailbridge.OutgoingServer;
import dev.mailbridge.Phase;
import dev.mailbridge.Secret;
import dev.mailbridge.Security;
import dev.mailbridge.check.Problem;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.internal.diagnosis.Context;
import dev.mailbridge.internal.diagnosis.Diagnosis;
import dev.mailbridge.internal.net.CertificateVerdict;
import dev.mailbridge.internal.net.Connector;
import dev.mailbridge.internal.net.NetSettings;
import dev.mailbridge.internal.net.WireConnection;
import dev.mailbridge.internal.protocol.MailDialogue;
import dev.mailbridge.internal.protocol.ServerRefusal;
import dev.mailbridge.internal.protocol.SmtpDialogue;
import dev.mailbridge.internal.text.Redactor;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One authenticated SMTP submission connection that sends any number of messages (RFC 5321, 6409). Commands of a
 * transaction are pipelined when the server offers PIPELINING (RFC 2920), so a message costs two round trips instead
 * of three plus one per recipient. The socket has TCP_NODELAY on, set by the connector.
 */
final class SmtpSubmission implements Closeable {
    private final WireConnection wire;
    private final boolean pipelining;
    private final long sizeLimit;

    private SmtpSubmission(WireConnection wire, Set<String> capabilities) {
        this.wire = wire;
        this.pipelining = capabilities.contains("PIPELINING");
        this.sizeLimit = sizeLimit(capabilities);
    }

    /**
     * Connects, secures and logs in.
     *
     * @throws SubmissionFailure classified, with the secret removed from any server text
     */
    static SmtpSubmission open(NetSettings net, OutgoingServer server, Credentials credentials, Context ctx)
            throws SubmissionFailure {
        Endpoint endpoint = server.endpoint();
        CertificateVerdict verdict = new CertificateVerdict(endpoint.asciiHost());
        Socket socket = null;
        WireConnection wire = null;
        Secret secret = null;
        Phase phase = Phase.DNS;
        try {
            List<InetAddress> addresses = Connector.resolve(net.dns(), endpoint.asciiHost());
            phase = Phase.TCP_CONNECT;
            socket = Connector.connect(addresses, endpoint.port(), net.connectTimeout(), net.readTimeout());
            if (endpoint.security() == Security.IMPLICIT_TLS) {
                phase = Phase.TLS_HANDSHAKE;
                socket = net.tls().resumableHandshake(socket, endpoint.port(), verdict);
            }
            wire = new WireConnection(socket, net.watchdog(), net.writeTimeout());
            SmtpDialogue dialogue = SmtpDialogue.fromLocalAddress(socket.getLocalAddress());
            phase = Phase.GREETING;
            dialogue.readGreeting(wire);
            phase = Phase.CAPABILITIES;
            Set<String> capabilities = dialogue.capabilities(wire);
            if (endpoint.security() == Security.STARTTLS) {
                phase = Phase.STARTTLS;
                if (!dialogue.offersStartTls(capabilities)) {
                    throw failure(
                            ProblemCode.STARTTLS_NOT_OFFERED,
                            endpoint + " does not offer STARTTLS",
                            null,
                            "Use IMPLICIT_TLS on port 465; Mailbridge never sends in plaintext when STARTTLS was asked"
                                    + " for.",
                            null);
                }
                dialogue.requestStartTls(wire);
                wire.upgradeResumable(net.tls(), endpoint.port(), verdict);
                capabilities = dialogue.capabilities(wire);
            }
            phase = Phase.AUTHENTICATION;
            try {
                secret = credentials.secretForNewConnection();
            } catch (IllegalStateException e) {
                throw new SubmissionFailure(Diagnosis.tokenUnavailable(ctx, e), e.getCause());
            }
            dialogue.authenticate(
                    wire, capabilities, server.username(), secret, credentials.kind() == Credentials.Kind.OAUTH2);
            return new SmtpSubmission(wire, capabilities);
        } catch (SubmissionFailure e) {
            closeQuietly(wire, socket);
            throw e;
        } catch (ServerRefusal refusal) {
            closeQuietly(wire, socket);
            String reply =
                    Redactor.oneLine(secret == null ? refusal.reply() : Redactor.scrub(refusal.reply(), secret), 300);
            // The one diagnosis: a refused login is named by the server's words, as in the connection check.
            throw new SubmissionFailure(Diagnosis.refusal(ctx, phase, reply), null);
        } catch (MailDialogue.AuthMethodUnavailable e) {
            closeQuietly(wire, socket);
            throw new SubmissionFailure(
                    Diagnosis.authUnavailable(
                            ctx,
                            "cannot log in to " + endpoint + ": " + e.getMessage(),
                            wire != null && wire.isEncrypted()),
                    null);
        } catch (IOException e) {
            closeQuietly(wire, socket);
            throw new SubmissionFailure(Diagnosis.ioFailure(ctx, phase, e, verdict), e);
        }
    }

    /** The largest message the server announced with SIZE, or 0 when it announced none. */
    long sizeLimit() {
        return sizeLimit;
    }

    /**
     * Runs one mail transaction: the sender, each recipient, then the data if any recipient was accepted.
     *
     * @param data the message already prepared by {@link DataEncoder}
     * @param size the message's size before dot-stuffing, for the SIZE parameter
     * @throws HandoverUncertain when the connection broke after the whole message was written
     * @throws IOException when it broke before, so nothing was delivered
     */
    Transaction send(EmailAddress from, List<EmailAddress> recipients, byte[] data, long size)
            throws IOException, HandoverUncertain {
        String mail = "MAIL FROM:<" + from.toAsciiString() + ">" + (sizeLimit > 0 ? " SIZE=" + size : "");
        Map<EmailAddress, SmtpReply> rcptReplies = new LinkedHashMap<>();
        SmtpReply mailReply;
        SmtpReply dataReply = null;
        if (pipelining) {
            StringBuilder batch = new StringBuilder(mail).append("\r\n");
            for (EmailAddress recipient : recipients) {
                batch.append("RCPT TO:<").append(recipient.toAsciiString()).append(">\r\n");
            }
            batch.append("DATA\r\n");
            wire.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
            mailReply = SmtpReply.read(wire);
            for (EmailAddress recipient : recipients) {
                rcptReplies.put(recipient, SmtpReply.read(wire));
            }
            dataReply = SmtpReply.read(wire);
        } else {
            wire.writeLine(mail);
            mailReply = SmtpReply.read(wire);
            if (mailReply.positive()) {
                for (EmailAddress recipient : recipients) {
                    wire.writeLine("RCPT TO:<" + recipient.toAsciiString() + ">");
                    rcptReplies.put(recipient, SmtpReply.read(wire));
                }
                if (rcptReplies.values().stream().anyMatch(SmtpReply::positive)) {
                    wire.writeLine("DATA");
                    dataReply = SmtpReply.read(wire);
                }
            }
        }
        boolean anyAccepted = rcptReplies.values().stream().anyMatch(SmtpReply::positive);
        if (dataReply != null && dataReply.code() == 354) {
            if (!mailReply.positive() || !anyAccepted) {
                // A server that answered DATA despite no recipient gets an empty message it will refuse.
                wire.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                SmtpReply.read(wire);
                reset();
                return new Transaction(mailReply, rcptReplies, null);
            }
            wire.write(data);
            try {
                SmtpReply finalReply = SmtpReply.read(wire);
                if (!finalReply.positive()) {
                    reset();
                }
                return new Transaction(mailReply, rcptReplies, finalReply);
            } catch (IOException e) {
                throw new HandoverUncertain(e);
            }
        }
        reset();
        return new Transaction(mailReply, rcptReplies, dataReply);
    }

    /** Clears a failed transaction so the next message starts clean. */
    private void reset() throws IOException {
        wire.writeLine("RSET");
        SmtpReply.read(wire);
    }

    /** Says goodbye and closes. */
    @Override
    public void close() {
        try {
            wire.writeLine("QUIT");
            SmtpReply.read(wire);
        } catch (IOException e) {
            // closing anyway
        } finally {
            wire.close();
        }
    }

    /** Closes without a word, after the conversation broke. */
    void abandon() {
        wire.close();
    }

    /**
     * The replies of one transaction.
     *
     * @param mail the reply to MAIL FROM
     * @param recipients the reply to each RCPT TO that was sent
     * @param data the reply to the message data (after the final dot); or to DATA itself when that was refused;
     *     {@code null} when DATA was not reached
     */
    record Transaction(
            SmtpReply mail,
            Map<EmailAddress, SmtpReply> recipients,
            @Nullable SmtpReply data) {}

    /** The whole message was written but the server's answer never came: it may have been delivered. */
    static final class HandoverUncertain extends Exception {
        private static final long serialVersionUID = 1L;

        HandoverUncertain(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static long sizeLimit(Set<String> capabilities) {
        for (String capability : capabilities) {
            if (capability.startsWith("SIZE ")) {
                try {
                    return Long.parseLong(capability.substring(5).strip());
                } catch (NumberFormatException ignored) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static SubmissionFailure failure(
            ProblemCode code, String message, @Nullable String reply, String fix, @Nullable Throwable cause) {
        return new SubmissionFailure(new Problem(code, message, reply, fix), cause);
    }

    private static void closeQuietly(@Nullable WireConnection wire, @Nullable Socket socket) {
        if (wire != null) {
            wire.close();
        } else if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }
}
