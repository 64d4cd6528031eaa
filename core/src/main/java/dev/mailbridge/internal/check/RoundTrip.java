package dev.mailbridge.internal.check;

import dev.mailbridge.Credentials;
import dev.mailbridge.IncomingServer;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.OutgoingServer;
import dev.mailbridge.Phase;
import dev.mailbridge.Protocol;
import dev.mailbridge.Secret;
import dev.mailbridge.check.CheckOptions;
import dev.mailbridge.check.PhaseResult;
import dev.mailbridge.check.Problem;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.check.RoundTripReport;
import dev.mailbridge.internal.jakarta.JakartaSessions;
import dev.mailbridge.internal.text.Redactor;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;

/**
 * Sends a test message from the mailbox to itself and waits for it to arrive. The message is marked {@code
 * Auto-Submitted: auto-generated} (RFC 3834) so no auto-responder answers it, and removed once found when asked.
 */
final class RoundTrip {
    private static final Duration FIRST_POLL = Duration.ofMillis(200);
    private static final Duration MAX_POLL = Duration.ofSeconds(2);

    private final JakartaSessions sessions;
    private final Clock clock;

    RoundTrip(JakartaSessions sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    RoundTripReport run(MailboxAccount account, CheckOptions options) {
        IncomingServer incoming = account.incoming().orElseThrow();
        OutgoingServer outgoing = account.outgoing().orElseThrow();
        boolean oauth2 = account.credentials().kind() == Credentials.Kind.OAUTH2;
        List<PhaseResult> steps = new ArrayList<>();
        long started = System.nanoTime();
        String token = UUID.randomUUID().toString().substring(0, 12);
        String subject = "Mailbridge connection check " + token;
        Secret secret = null;
        try {
            long stepStart = System.nanoTime();
            secret = account.credentials().secretForNewConnection();
            Session smtp =
                    sessions.session(Protocol.SMTP, outgoing.endpoint(), oauth2).session();
            MimeMessage message = testMessage(smtp, account, subject, token);
            try (Transport transport = smtp.getTransport(JakartaSessions.providerName(
                    Protocol.SMTP, outgoing.endpoint().security()))) {
                transport.connect(outgoing.username(), secret.reveal());
                transport.sendMessage(message, message.getAllRecipients());
            }
            steps.add(step(stepStart, true, "sent " + message.getMessageID() + " to " + account.address()));

            stepStart = System.nanoTime();
            long deadline = System.nanoTime() + options.roundTripDeadline().toNanos();
            Duration pause = FIRST_POLL;
            int polls = 0;
            while (true) {
                polls++;
                secret = account.credentials().secretForNewConnection();
                String found = findAndMaybeRemove(incoming, oauth2, secret, subject, options.removeTestMessage());
                if (found != null) {
                    steps.add(step(stepStart, true, "arrived in INBOX (" + polls + " look-ups); " + found));
                    return new RoundTripReport(steps, since(started), null);
                }
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    break;
                }
                Thread.sleep(pause.toMillis()); // polling a remote server: nothing to wait on but time
                pause = pause.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : pause.multipliedBy(2);
            }
            Problem problem = new Problem(
                    ProblemCode.MESSAGE_NOT_DELIVERED,
                    "the test message \"" + subject + "\" did not arrive within "
                            + options.roundTripDeadline().toSeconds() + " s",
                    null,
                    "Look for it in the spam folder; if it is not there, the server accepted it but has not delivered"
                            + " it yet: retry with a longer deadline, or ask the provider about delivery delays.");
            steps.add(step(stepStart, false, problem.message()));
            return new RoundTripReport(steps, since(started), problem);
        } catch (MessagingException | IOException | IllegalStateException e) {
            String text = String.valueOf(e.getMessage());
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root != e) {
                text += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
            }
            if (secret != null) {
                text = Redactor.scrub(text, secret);
            }
            Problem problem = new Problem(
                    ProblemCode.MESSAGE_NOT_DELIVERED,
                    "the round trip failed: " + Redactor.oneLine(text, 300),
                    null,
                    "Both directions passed their checks, so this is likely temporary: retry the check.");
            steps.add(new PhaseResult(Phase.ROUND_TRIP, false, since(started), problem.message()));
            return new RoundTripReport(steps, since(started), problem);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Problem problem = new Problem(
                    ProblemCode.MESSAGE_NOT_DELIVERED, "the round trip was interrupted", null, "Run the check again.");
            return new RoundTripReport(steps, since(started), problem);
        }
    }

    private MimeMessage testMessage(Session session, MailboxAccount account, String subject, String token)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(session);
        InternetAddress self = new InternetAddress(
                account.address().toAsciiString(), account.displayName().orElse(null), "UTF-8");
        message.setFrom(self);
        message.setRecipient(Message.RecipientType.TO, self);
        message.setSubject(subject, "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Mailbridge-Check", token);
        message.setText(
                "Mailbridge sent this message to check that mail to and from this mailbox works.\r\n"
                        + "It is safe to delete.\r\n",
                "UTF-8");
        message.saveChanges();
        return message;
    }

    /** Looks for the test message; returns what happened to it, or {@code null} when it is not there yet. */
    private @Nullable String findAndMaybeRemove(
            IncomingServer incoming, boolean oauth2, Secret secret, String subject, boolean remove)
            throws MessagingException, IOException {
        Session session = sessions.session(incoming.protocol(), incoming.endpoint(), oauth2)
                .session();
        try (Store store = session.getStore(JakartaSessions.providerName(
                incoming.protocol(), incoming.endpoint().security()))) {
            store.connect(incoming.username(), secret.reveal());
            Folder inbox = store.getFolder("INBOX");
            inbox.open(remove ? Folder.READ_WRITE : Folder.READ_ONLY);
            boolean expunge = false;
            try {
                Message[] matches = incoming.protocol() == Protocol.IMAP
                        ? inbox.search(new SubjectTerm(subject))
                        : pop3Matches(inbox, subject);
                if (matches.length == 0) {
                    return null;
                }
                if (!remove) {
                    return "left in INBOX";
                }
                if (incoming.protocol() == Protocol.POP3) {
                    for (Message match : matches) {
                        match.setFlag(Flags.Flag.DELETED, true);
                    }
                    expunge = true; // POP3 deletes only what was marked, at QUIT
                    return "removed";
                }
                if (store instanceof IMAPStore imap && imap.hasCapability("UIDPLUS") && inbox instanceof IMAPFolder f) {
                    for (Message match : matches) {
                        match.setFlag(Flags.Flag.DELETED, true);
                    }
                    f.expunge(matches); // UID EXPUNGE of exactly these messages
                    return "removed";
                }
                for (Message match : matches) {
                    match.setFlag(Flags.Flag.SEEN, true);
                }
                return "left in INBOX marked read: the server lacks UIDPLUS, and a plain EXPUNGE could remove"
                        + " messages other clients marked deleted";
            } finally {
                inbox.close(expunge);
            }
        }
    }

    private static Message[] pop3Matches(Folder inbox, String subject) throws MessagingException {
        // The test message is among the newest; looking at the last 50 keeps a full maildrop from being scanned.
        List<Message> matches = new ArrayList<>();
        int count = inbox.getMessageCount();
        for (int i = count; i >= Math.max(1, count - 49); i--) {
            Message message = inbox.getMessage(i);
            if (subject.equals(message.getSubject())) {
                matches.add(message);
            }
        }
        return matches.toArray(new Message[0]);
    }

    private static PhaseResult step(long startNanos, boolean succeeded, String detail) {
        return new PhaseResult(Phase.ROUND_TRIP, succeeded, since(startNanos), detail);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
