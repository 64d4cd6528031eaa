package dev.mailbridge.internal.sending;

import dev.mailbridge.Credentials;
import dev.mailbridge.EmailAddress;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.OutgoingServer;
import dev.mailbridge.Protocol;
import dev.mailbridge.ProviderProfile;
import dev.mailbridge.check.Problem;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.internal.diagnosis.Context;
import dev.mailbridge.internal.jakarta.JakartaSessions;
import dev.mailbridge.internal.net.NetSettings;
import dev.mailbridge.sending.CopyToSent;
import dev.mailbridge.sending.DeliveryResult;
import dev.mailbridge.sending.Identity;
import dev.mailbridge.sending.OutgoingEmail;
import dev.mailbridge.sending.RetryPolicy;
import dev.mailbridge.sending.SendOptions;
import dev.mailbridge.sending.SendReport;
import dev.mailbridge.sending.SentCopy;
import dev.mailbridge.sending.SharedSmtp;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a batch over one SMTP connection, message by message: compose, check the limits, run the transaction with
 * retries, then append the copies to Sent over one IMAP connection once the SMTP connection is closed. A failure of one
 * message never stops the others; a login failure stops all, because retrying a rejected password can lock the
 * account.
 */
public final class BatchSender {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);

    private final NetSettings net;
    private final Clock clock;
    private final ProviderLimits limits;
    private final MimeComposer composer;
    private final SentFolderCopier copier;

    public BatchSender(NetSettings net, JakartaSessions sessions, Clock clock, ProviderLimits limits) {
        this.net = net;
        this.clock = clock;
        this.limits = limits;
        this.composer = new MimeComposer(clock);
        this.copier = new SentFolderCopier(sessions);
    }

    public SendReport send(Identity identity, List<OutgoingEmail> emails, SendOptions options) {
        long started = System.nanoTime();
        Route route = Route.of(identity);
        List<Outcome> outcomes = new ArrayList<>();
        Connection connection = new Connection(route);
        try {
            for (OutgoingEmail email : emails) {
                outcomes.add(sendOne(identity, email, options, route, connection));
            }
        } finally {
            connection.close();
        }
        List<DeliveryResult> results = withSentCopies(identity, route, options.copyToSent(), outcomes);
        return new SendReport(results, connection.opened, Duration.ofNanos(System.nanoTime() - started));
    }

    private Outcome sendOne(
            Identity identity, OutgoingEmail email, SendOptions options, Route route, Connection connection) {
        ComposedMessage composed;
        try {
            composed = composer.compose(identity, email);
        } catch (IllegalArgumentException | IOException e) {
            return Outcome.failed(
                    MimeComposer.newMessageId(identity.from(), false),
                    new Problem(
                            ProblemCode.MESSAGE_INVALID,
                            String.valueOf(e.getMessage()),
                            null,
                            "Fix the message and send it again; the rest of the batch was sent."));
        }
        if (composed.wire().length > options.maxMessageSize()) {
            return Outcome.failed(
                    composed.messageId(),
                    new Problem(
                            ProblemCode.MESSAGE_TOO_LARGE,
                            "the message is " + composed.wire().length + " bytes encoded, over the limit of "
                                    + options.maxMessageSize() + " bytes",
                            null,
                            "Send large files as links, or raise SendOptions.maxMessageSize if the server accepts more."));
        }
        ProviderProfile profile = route.profile;
        if (profile != null
                && profile.recipientsPerMessage().isPresent()
                && composed.recipients().size() > profile.recipientsPerMessage().getAsInt()) {
            return Outcome.failed(
                    composed.messageId(),
                    new Problem(
                            ProblemCode.MESSAGE_INVALID,
                            "the message has " + composed.recipients().size() + " recipients; " + profile.displayName()
                                    + " accepts at most "
                                    + profile.recipientsPerMessage().getAsInt() + " per message",
                            null,
                            "Split the recipients over several messages."));
        }
        if (connection.fatal != null) {
            return Outcome.failed(composed.messageId(), connection.fatal);
        }
        Instant reservedAt = clock.instant();
        if (profile != null && profile.messagesPerDay().isPresent()) {
            Optional<Instant> freeAt =
                    limits.reserve(route.mailbox, profile.messagesPerDay().getAsInt(), reservedAt);
            if (freeAt.isPresent()) {
                return Outcome.failed(
                        composed.messageId(),
                        new Problem(
                                ProblemCode.SENDING_LIMIT_REACHED,
                                "this client sent " + profile.messagesPerDay().getAsInt() + " messages from "
                                        + route.mailbox + " in the last 24 hours, " + profile.displayName()
                                        + "'s daily limit",
                                null,
                                "Send it after " + freeAt.get() + ", or through another mailbox."));
            }
        }
        Outcome outcome = deliver(composed, options.retryPolicy(), route, connection);
        if (outcome.accepted().isEmpty() && !outcome.uncertain() && profile != null) {
            limits.release(route.mailbox, reservedAt);
        }
        return outcome;
    }

    private Outcome deliver(ComposedMessage composed, RetryPolicy policy, Route route, Connection connection) {
        Delivery delivery = new Delivery(composed);
        byte[] data = DataEncoder.encode(composed.wire());
        while (delivery.hasPending() && delivery.attempts < policy.maxAttempts()) {
            delivery.attempts++;
            if (delivery.attempts > 1 && !pause(policy.delayBefore(delivery.attempts))) {
                delivery.problem = new Problem(
                        ProblemCode.TEMPORARY_FAILURE, "sending was interrupted", null, "Send the message again.");
                break;
            }
            SmtpSubmission smtp;
            try {
                smtp = connection.get();
            } catch (SubmissionFailure failure) {
                delivery.problem = failure.problem();
                if (!failure.retryable()) {
                    connection.fatal = failure.problem();
                    break;
                }
                continue;
            }
            if (smtp.sizeLimit() > 0 && composed.wire().length > smtp.sizeLimit()) {
                delivery.problem = new Problem(
                        ProblemCode.MESSAGE_TOO_LARGE,
                        "the message is " + composed.wire().length + " bytes; the server accepts at most "
                                + smtp.sizeLimit(),
                        null,
                        "Send large files as links.");
                break;
            }
            try {
                SmtpSubmission.Transaction transaction =
                        smtp.send(route.envelopeSender, delivery.pending(), data, composed.wire().length);
                if (!delivery.apply(transaction, route.envelopeSender)) {
                    break;
                }
            } catch (SmtpSubmission.HandoverUncertain e) {
                connection.broken();
                delivery.markUncertain(e.getMessage());
                break;
            } catch (IOException e) {
                connection.broken();
                delivery.problem = new Problem(
                        ProblemCode.CONNECTION_LOST,
                        "the connection to " + route.server.endpoint() + " broke before the message was handed"
                                + " over: " + e.getMessage(),
                        null,
                        "Nothing was delivered by this attempt; it is retried as the retry policy allows.");
            }
        }
        return delivery.finish();
    }

    /** Waits between attempts; a remote server's 4xx asks for time to pass, so there is nothing else to wait on. */
    private static boolean pause(Duration delay) {
        if (delay.isZero()) {
            return true;
        }
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<DeliveryResult> withSentCopies(
            Identity identity, Route route, CopyToSent mode, List<Outcome> outcomes) {
        MailboxAccount account = identity.account();
        SentCopy decided = null;
        if (mode == CopyToSent.NEVER) {
            decided = new SentCopy(SentCopy.Status.NOT_REQUESTED, null, "not requested");
        } else if (mode == CopyToSent.AUTO && route.providerKeepsCopy) {
            decided = new SentCopy(
                    SentCopy.Status.STORED_BY_PROVIDER,
                    null,
                    account.profile().map(ProviderProfile::displayName).orElse("the provider")
                            + " files submitted mail in Sent itself");
        } else if (account.incoming().isEmpty() || account.incoming().get().protocol() != Protocol.IMAP) {
            decided = new SentCopy(
                    SentCopy.Status.NOT_POSSIBLE,
                    null,
                    "the mailbox has no IMAP folders (it is read over POP3 or not at all)");
        }
        List<byte[]> copies = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (decided == null
                    && outcome.sentCopyBytes() != null
                    && !outcome.accepted().isEmpty()
                    && !outcome.uncertain()) {
                copies.add(outcome.sentCopyBytes());
            }
        }
        List<SentCopy> appended = copies.isEmpty() ? List.of() : copier.append(account, copies);
        int next = 0;
        List<DeliveryResult> results = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            SentCopy copy;
            if (outcome.accepted().isEmpty() || outcome.uncertain()) {
                copy = new SentCopy(
                        SentCopy.Status.NOT_SENT,
                        null,
                        outcome.uncertain() ? "no copy: delivery is uncertain" : "no copy: nothing was sent");
            } else if (decided != null) {
                copy = decided;
            } else {
                copy = appended.get(next++);
            }
            results.add(outcome.toResult(copy));
        }
        return results;
    }

    /** Where a batch goes and as whom, decided once. */
    private record Route(
            OutgoingServer server,
            Credentials credentials,
            EmailAddress envelopeSender,
            @Nullable ProviderProfile profile,
            boolean providerKeepsCopy,
            String mailbox,
            Context context) {
        static Route of(Identity identity) {
            MailboxAccount account = identity.account();
            Optional<SharedSmtp> shared = identity.sharedSmtp();
            if (shared.isPresent()) {
                SharedSmtp s = shared.get();
                // The shared server's own limits are unknown to the mailbox's profile; the mailbox's provider never
                // sees this mail, so it cannot have filed it in Sent.
                return new Route(
                        s.server(),
                        s.credentials(),
                        s.envelopeSender().orElse(identity.from()),
                        null,
                        false,
                        s.server().username() + "@" + s.server().endpoint().host(),
                        new Context(
                                Protocol.SMTP,
                                s.server().endpoint(),
                                s.server().username(),
                                s.credentials().kind(),
                                null,
                                null));
            }
            ProviderProfile profile = account.profile().orElse(null);
            return new Route(
                    account.outgoing().orElseThrow(),
                    account.credentials(),
                    identity.from(),
                    profile,
                    profile != null && profile.smtpKeepsSentCopy(),
                    account.address().toString(),
                    Context.of(
                            account,
                            Protocol.SMTP,
                            account.outgoing().orElseThrow().endpoint(),
                            account.outgoing().orElseThrow().username()));
        }
    }

    /** The batch's SMTP connection, opened on first use and again after it broke. */
    private final class Connection {
        private final Route route;
        private @Nullable SmtpSubmission current;
        private @Nullable Problem fatal;
        private boolean slotHeld;
        int opened;

        Connection(Route route) {
            this.route = route;
        }

        SmtpSubmission get() throws SubmissionFailure {
            SmtpSubmission smtp = current;
            if (smtp != null) {
                return smtp;
            }
            takeSlot();
            smtp = SmtpSubmission.open(net, route.server, route.credentials, route.context);
            opened++;
            LOG.debug("SMTP connection {} to {} opened", opened, route.server.endpoint());
            current = smtp;
            return smtp;
        }

        private void takeSlot() throws SubmissionFailure {
            ProviderProfile profile = route.profile;
            if (slotHeld || profile == null || profile.maxConnections().isEmpty()) {
                return;
            }
            int max = profile.maxConnections().getAsInt();
            boolean taken;
            try {
                taken = limits.acquireConnection(route.mailbox, max, net.connectTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                taken = false;
            }
            if (!taken) {
                throw new SubmissionFailure(
                        new Problem(
                                ProblemCode.TOO_MANY_CONNECTIONS,
                                "this client already holds " + max + " connections for " + route.mailbox + ", "
                                        + profile.displayName() + "'s limit",
                                null,
                                "Send fewer batches for this mailbox at the same time; this message can be sent again."),
                        null);
            }
            slotHeld = true;
        }

        void broken() {
            SmtpSubmission smtp = current;
            if (smtp != null) {
                smtp.abandon();
            }
            current = null;
        }

        void close() {
            SmtpSubmission smtp = current;
            if (smtp != null) {
                smtp.close();
            }
            current = null;
            ProviderProfile profile = route.profile;
            if (slotHeld && profile != null) {
                limits.releaseConnection(route.mailbox, profile.maxConnections().getAsInt());
                slotHeld = false;
            }
        }
    }
}
