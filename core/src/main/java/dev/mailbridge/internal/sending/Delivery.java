package dev.mailbridge.internal.sending;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.check.Problem;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.sending.RecipientRejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The state of one message across its attempts: which recipients are accepted for good, refused for good, or still
 * pending after a temporary refusal. Only pending recipients go into the next attempt, so a retry never delivers twice
 * to someone who already has the message.
 */
final class Delivery {
    private final ComposedMessage message;
    private List<EmailAddress> pending;
    private final List<EmailAddress> accepted = new ArrayList<>();
    private final Map<EmailAddress, RecipientRejection> rejected = new LinkedHashMap<>();
    private final Map<EmailAddress, SmtpReply> lastTemporary = new HashMap<>();
    private @Nullable String serverReply;
    private boolean uncertain;
    int attempts;

    @Nullable
    Problem problem;

    Delivery(ComposedMessage message) {
        this.message = message;
        this.pending = new ArrayList<>(message.recipients());
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    List<EmailAddress> pending() {
        return List.copyOf(pending);
    }

    /**
     * Takes in one transaction's replies.
     *
     * @return whether another attempt could help
     */
    boolean apply(SmtpSubmission.Transaction transaction, EmailAddress sender) {
        SmtpReply mail = transaction.mail();
        if (!mail.positive()) {
            if (mail.transientFailure()) {
                problem = new Problem(
                        ProblemCode.TEMPORARY_FAILURE,
                        "the server deferred the sender " + sender,
                        mail.text(),
                        "Nothing to change; sending later should work.");
                return true;
            }
            problem = new Problem(
                    ProblemCode.SENDER_REJECTED,
                    "the server refused to send as " + sender,
                    mail.text(),
                    "Send as the mailbox's own address or an alias configured at the provider.");
            for (EmailAddress recipient : pending) {
                rejected.put(recipient, new RecipientRejection(recipient, mail.code(), mail.text(), true));
            }
            pending = new ArrayList<>();
            return false;
        }
        List<EmailAddress> tentative = new ArrayList<>();
        List<EmailAddress> later = new ArrayList<>();
        for (Map.Entry<EmailAddress, SmtpReply> entry : transaction.recipients().entrySet()) {
            EmailAddress recipient = entry.getKey();
            SmtpReply reply = entry.getValue();
            if (reply.positive()) {
                tentative.add(recipient);
            } else if (reply.transientFailure()) {
                later.add(recipient);
                lastTemporary.put(recipient, reply);
            } else {
                rejected.put(recipient, new RecipientRejection(recipient, reply.code(), reply.text(), true));
            }
        }
        SmtpReply data = transaction.data();
        if (!tentative.isEmpty()) {
            if (data != null && data.positive()) {
                accepted.addAll(tentative);
                serverReply = data.text();
            } else if (data != null && data.transientFailure()) {
                later.addAll(tentative);
                for (EmailAddress recipient : tentative) {
                    lastTemporary.put(recipient, data);
                }
                problem = new Problem(
                        ProblemCode.TEMPORARY_FAILURE,
                        "the server deferred the message",
                        data.text(),
                        "Nothing to change; sending later should work.");
            } else {
                int code = data == null ? 0 : data.code();
                String text = data == null ? "no reply to DATA" : data.text();
                for (EmailAddress recipient : tentative) {
                    rejected.put(recipient, new RecipientRejection(recipient, code, text, true));
                }
                problem = new Problem(
                        ProblemCode.MESSAGE_REJECTED,
                        "the server refused the message",
                        text,
                        "Read the server's reply: it usually names the policy (spam, attachment type, From address)"
                                + " the message broke.");
            }
        }
        if (!later.isEmpty() && problem == null) {
            problem = new Problem(
                    ProblemCode.TEMPORARY_FAILURE,
                    "the server deferred " + later.size() + " recipient(s)",
                    java.util.Objects.requireNonNull(lastTemporary.get(later.get(0)))
                            .text(),
                    "Nothing to change; sending later should work.");
        }
        pending = later;
        return true;
    }

    void markUncertain(@Nullable String reason) {
        uncertain = true;
        problem = new Problem(
                ProblemCode.DELIVERY_UNCERTAIN,
                "the connection broke after the message was handed over, before the server confirmed it: " + reason,
                null,
                "Check with a recipient whether it arrived before sending it again; Mailbridge does not resend it,"
                        + " because that could deliver it twice.");
    }

    Outcome finish() {
        for (EmailAddress recipient : pending) {
            SmtpReply last = lastTemporary.get(recipient);
            Problem current = problem;
            String text = last != null ? last.text() : current != null ? current.message() : "not attempted";
            rejected.put(recipient, new RecipientRejection(recipient, last == null ? 0 : last.code(), text, false));
        }
        Problem result = problem;
        if (rejected.isEmpty() && !uncertain) {
            result = null; // every recipient got it in the end; earlier temporary trouble is history
        } else if (result == null
                || (!accepted.isEmpty() && result.code() == ProblemCode.TEMPORARY_FAILURE && pending.isEmpty())) {
            result = new Problem(
                    ProblemCode.RECIPIENT_REJECTED,
                    "the server refused " + rejected.size() + " of "
                            + message.recipients().size() + " recipient(s)",
                    rejected.values().iterator().next().reply(),
                    "Check the refused addresses for typos; the others have the message.");
        }
        return new Outcome(
                message.messageId(),
                accepted,
                List.copyOf(rejected.values()),
                attempts,
                serverReply,
                result,
                uncertain,
                message.sentCopy());
    }
}
