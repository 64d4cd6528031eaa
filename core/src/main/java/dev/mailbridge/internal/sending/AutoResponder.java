package dev.mailbridge.internal.sending;

import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.sending.AutoReplyPolicy;
import dev.mailbridge.sending.AutoReplyResult;
import dev.mailbridge.sending.DeliveryResult;
import dev.mailbridge.sending.Identity;
import dev.mailbridge.sending.OutgoingEmail;
import dev.mailbridge.sending.Recipient;
import dev.mailbridge.sending.SendOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers a message automatically, following RFC 3834: never automatic mail, at most once per sender and period (the
 * claim is kept in the checkpoint store, so it survives restarts and is shared by every client using the store), marked
 * {@code Auto-Submitted: auto-replied} so other responders stay quiet, and threaded under the message it answers.
 */
public final class AutoResponder {
    private final BatchSender sender;
    private final CheckpointStore store;
    private final Clock clock;

    public AutoResponder(BatchSender sender, CheckpointStore store, Clock clock) {
        this.sender = sender;
        this.store = store;
        this.clock = clock;
    }

    public AutoReplyResult reply(
            Identity identity,
            RetrievedMessage original,
            AutoReplyPolicy policy,
            Consumer<OutgoingEmail.Builder> content) {
        Optional<AutomaticMailSignals.Verdict> verdict = AutomaticMailSignals.suppression(original, identity);
        if (verdict.isPresent()) {
            return new AutoReplyResult(verdict.get().reason(), verdict.get().detail(), null);
        }
        Recipient recipient = AutomaticMailSignals.recipient(original).orElseThrow();
        OutgoingEmail.Builder builder = OutgoingEmail.replyTo(original, identity);
        builder.subject("Auto: " + Replies.baseSubject(original.subject()));
        content.accept(builder);
        // Whatever the content callback did, an auto-reply goes to the one sender and says what it is.
        builder.clearRecipients().to(recipient);
        builder.header("Auto-Submitted", "auto-replied");
        builder.header("X-Auto-Response-Suppress", "All");
        OutgoingEmail email = builder.build();

        String account = identity.account().address().toString();
        String key = recipient.address().toString().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        if (!store.claimAutoReply(account, key, now, policy.period())) {
            return new AutoReplyResult(
                    AutoReplyResult.Suppression.RATE_LIMITED,
                    recipient.address() + " already got an auto-reply within " + policy.period(),
                    null);
        }
        DeliveryResult delivery = sender.send(identity, List.of(email), SendOptions.defaults())
                .results()
                .get(0);
        if (!delivery.sent() && delivery.status() != DeliveryResult.Status.UNCERTAIN) {
            store.releaseAutoReply(account, key, now); // nothing went out, so the sender may get one later
        }
        return new AutoReplyResult(null, delivery.sent() ? "sent to " + recipient.address() : "not sent", delivery);
    }
}
