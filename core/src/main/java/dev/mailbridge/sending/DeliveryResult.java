package dev.mailbridge.sending;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.check.Problem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one message: which recipients the server accepted and which it refused (with its words), how many
 * attempts it took, the server's final answer, and the Sent copy. A partial failure is a result, not an exception.
 */
public final class DeliveryResult {
    private final String messageId;
    private final Status status;
    private final List<EmailAddress> accepted;
    private final List<RecipientRejection> rejected;
    private final int attempts;
    private final @Nullable String serverReply;
    private final @Nullable Problem problem;
    private final SentCopy sentCopy;

    /**
     * Makes a result; Mailbridge makes these, applications only read them (or build them in their own tests).
     *
     * @param messageId the Message-ID, without angle brackets
     * @param status the outcome
     * @param accepted recipients the server accepted the message for
     * @param rejected recipients it refused
     * @param attempts transactions tried, 0 when nothing was attempted
     * @param serverReply the server's reply to the message data, when it got that far
     * @param problem why the message or some recipients failed; {@code null} when all went well
     * @param sentCopy what happened to the copy in Sent
     */
    public DeliveryResult(
            String messageId,
            Status status,
            List<EmailAddress> accepted,
            List<RecipientRejection> rejected,
            int attempts,
            @Nullable String serverReply,
            @Nullable Problem problem,
            SentCopy sentCopy) {
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.status = Objects.requireNonNull(status, "status");
        this.accepted = List.copyOf(accepted);
        this.rejected = List.copyOf(rejected);
        this.attempts = attempts;
        this.serverReply = serverReply;
        this.problem = problem;
        this.sentCopy = Objects.requireNonNull(sentCopy, "sentCopy");
    }

    /** The outcome of one message. */
    public enum Status {
        /** Accepted for every recipient. */
        SENT,
        /** Accepted for some recipients and refused for others; see {@link #rejected()}. */
        PARTIALLY_SENT,
        /** Not accepted for anyone; {@link #problem()} says why. Safe to send again after fixing it. */
        NOT_SENT,
        /**
         * The connection broke after the whole message was handed over but before the server confirmed it: it may or
         * may not have been delivered. Not retried, because that could deliver it twice; check the recipient's side.
         */
        UNCERTAIN
    }

    /**
     * The Message-ID, without angle brackets as {@link dev.mailbridge.retrieval.RetrievedMessage#messageId()} gives it,
     * so a reply retrieved later can be matched to this message.
     */
    public String messageId() {
        return messageId;
    }

    /** The outcome. */
    public Status status() {
        return status;
    }

    /** Whether the server accepted the message for at least one recipient. */
    public boolean sent() {
        return status == Status.SENT || status == Status.PARTIALLY_SENT;
    }

    /** Recipients the server accepted. */
    public List<EmailAddress> accepted() {
        return accepted;
    }

    /** Recipients the server refused, permanently or after the retries ran out. */
    public List<RecipientRejection> rejected() {
        return rejected;
    }

    /** Transactions tried: 1 when it went through at once, 0 when it failed before connecting. */
    public int attempts() {
        return attempts;
    }

    /** The server's reply to the message, such as {@code 250 2.0.0 Ok: queued as 4F3A1}. */
    public Optional<String> serverReply() {
        return Optional.ofNullable(serverReply);
    }

    /** Why the message, or some of its recipients, failed. */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    /** What happened to the copy in Sent. */
    public SentCopy sentCopy() {
        return sentCopy;
    }

    /** One line for a log; never the body. */
    @Override
    public String toString() {
        return "DeliveryResult[" + messageId + " " + status + ", accepted=" + accepted.size()
                + (rejected.isEmpty() ? "" : ", rejected=" + rejected)
                + ", attempts=" + attempts + ", sentCopy=" + sentCopy.status()
                + (problem == null ? "" : ", problem=" + problem.code()) + "]";
    }
}
