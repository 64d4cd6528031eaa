package dev.mailbridge.internal.retrieval;

import dev.mailbridge.AuthenticationException;
import dev.mailbridge.ConnectionException;
import dev.mailbridge.Endpoint;
import dev.mailbridge.MailbridgeException;
import dev.mailbridge.Phase;
import dev.mailbridge.ServerResponseException;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.internal.check.LoginRefusals;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import java.io.IOException;

/** Maps Jakarta Mail's catch-all exception onto Mailbridge's family, by what the caller does next. */
final class JakartaFailures {
    private JakartaFailures() {}

    static MailbridgeException map(MessagingException e, Endpoint endpoint, Phase phase, String what) {
        String message = what + " on " + endpoint + " failed: " + e.getMessage();
        if (e instanceof AuthenticationFailedException) {
            // The server's words decide: a connection limit or a temporary refusal is no reason to ask for a password.
            ProblemCode code = LoginRefusals.codeOf(String.valueOf(e.getMessage()));
            String diagnosed = message + " (run MailboxClient.check for a diagnosis)";
            return switch (code.category()) {
                case CONNECTION ->
                    new ConnectionException(diagnosed, endpoint, Phase.AUTHENTICATION, code, code.isRetryable(), e);
                case AUTHENTICATION ->
                    new AuthenticationException(diagnosed, endpoint, Phase.AUTHENTICATION, code, false, e);
                default ->
                    new ServerResponseException(diagnosed, endpoint, Phase.AUTHENTICATION, code, code.isRetryable(), e);
            };
        }
        if (e instanceof FolderNotFoundException) {
            return new ServerResponseException(message, endpoint, phase, ProblemCode.FOLDER_NOT_FOUND, false, e);
        }
        if (e.getCause() instanceof IOException
                || e instanceof jakarta.mail.StoreClosedException
                || e instanceof jakarta.mail.FolderClosedException) {
            return new ConnectionException(message, endpoint, phase, ProblemCode.CONNECTION_LOST, true, e);
        }
        return new ServerResponseException(message, endpoint, phase, ProblemCode.PROTOCOL_ERROR, false, e);
    }

    /** An I/O failure outside Jakarta: the host did not resolve, or the connection broke. */
    static MailbridgeException map(IOException e, Endpoint endpoint, String what) {
        boolean unknownHost = e instanceof java.net.UnknownHostException;
        return new ConnectionException(
                what + " from " + endpoint + " failed: " + e.getMessage(),
                endpoint,
                unknownHost ? Phase.DNS : Phase.MAILBOX_ACCESS,
                unknownHost ? ProblemCode.UNKNOWN_HOST : ProblemCode.CONNECTION_LOST,
                !unknownHost,
                e);
    }
}
