package dev.mailbridge.internal.sending;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.check.Problem;
import dev.mailbridge.sending.DeliveryResult;
import dev.mailbridge.sending.RecipientRejection;
import dev.mailbridge.sending.SentCopy;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How one message's delivery ended, before its Sent copy is known. */
record Outcome(
        String messageId,
        List<EmailAddress> accepted,
        List<RecipientRejection> rejected,
        int attempts,
        @Nullable String serverReply,
        @Nullable Problem problem,
        boolean uncertain,
        byte @Nullable [] sentCopyBytes) {

    /** A message that failed before any transaction. */
    static Outcome failed(String messageId, Problem problem) {
        return new Outcome(messageId, List.of(), List.of(), 0, null, problem, false, null);
    }

    DeliveryResult toResult(SentCopy copy) {
        DeliveryResult.Status status;
        if (uncertain) {
            status = DeliveryResult.Status.UNCERTAIN;
        } else if (accepted.isEmpty()) {
            status = DeliveryResult.Status.NOT_SENT;
        } else if (rejected.isEmpty()) {
            status = DeliveryResult.Status.SENT;
        } else {
            status = DeliveryResult.Status.PARTIALLY_SENT;
        }
        return new DeliveryResult(messageId, status, accepted, rejected, attempts, serverReply, problem, copy);
    }
}
