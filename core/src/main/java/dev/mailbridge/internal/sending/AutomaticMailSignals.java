package dev.mailbridge.internal.sending;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.retrieval.MailAddress;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.sending.AutoReplyResult.Suppression;
import dev.mailbridge.sending.Identity;
import dev.mailbridge.sending.Recipient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells whether a message must not get an automatic reply (RFC 3834 section 2 and the headers real auto-responders
 * set), and whom to answer otherwise.
 */
public final class AutomaticMailSignals {
    /** Local parts of system senders, which never read replies and may answer with their own automatic mail. */
    private static final Pattern SYSTEM_LOCAL_PART = Pattern.compile(
            "mailer-daemon|postmaster|no[-_.]?reply|do[-_.]?not[-_.]?reply|bounces?|listserv|majordomo|"
                    + "mail-?daemon|.*-request|owner-.*|.*-bounces?|notifications?",
            Pattern.CASE_INSENSITIVE);

    private AutomaticMailSignals() {}

    /** Why {@code original} must not be answered, if it must not; checked in RFC 3834's order of reliability. */
    public static Optional<Verdict> suppression(RetrievedMessage original, Identity identity) {
        Optional<String> autoSubmitted = original.header("Auto-Submitted");
        if (autoSubmitted.isPresent()) {
            String value = autoSubmitted.get().split(";", 2)[0].strip();
            if (!value.equalsIgnoreCase("no")) {
                return verdict(Suppression.AUTOMATIC_MESSAGE, "Auto-Submitted: " + value);
            }
        }
        for (String marker : List.of("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress")) {
            Optional<String> value = original.header(marker);
            if (value.isPresent() && !value.get().isBlank()) {
                return verdict(
                        Suppression.AUTOMATIC_MESSAGE,
                        marker + ": " + value.get().strip());
            }
        }
        Optional<String> precedence = original.header("Precedence");
        if (precedence.isPresent()) {
            String value = precedence.get().strip().toLowerCase(Locale.ROOT);
            if (value.equals("bulk") || value.equals("list") || value.equals("junk")) {
                return verdict(Suppression.BULK_OR_LIST, "Precedence: " + value);
            }
        }
        for (String list : List.of("List-Id", "List-Unsubscribe")) {
            if (original.header(list).isPresent()) {
                return verdict(Suppression.BULK_OR_LIST, list + " present: mailing-list or newsletter mail");
            }
        }
        Optional<String> returnPath = original.header("Return-Path");
        if (returnPath.isPresent()) {
            String value = returnPath.get().strip();
            if (value.isEmpty() || value.equals("<>")) {
                return verdict(Suppression.NULL_RETURN_PATH, "Return-Path: <> (a bounce or notification)");
            }
            String bare = value.startsWith("<") && value.endsWith(">") ? value.substring(1, value.length() - 1) : value;
            Optional<Verdict> system = systemSender(bare, "Return-Path");
            if (system.isPresent()) {
                return system;
            }
        }
        List<MailAddress> senders = new ArrayList<>(original.from());
        original.sender().ifPresent(senders::add);
        senders.addAll(original.replyTo());
        for (MailAddress sender : senders) {
            Optional<Verdict> system = systemSender(sender.address(), "sender");
            if (system.isPresent()) {
                return system;
            }
        }
        Optional<Recipient> recipient = recipient(original);
        if (recipient.isEmpty()) {
            return verdict(Suppression.NO_RECIPIENT, "no valid Reply-To or From address to answer");
        }
        Set<EmailAddress> own = Replies.ownAddresses(identity);
        if (own.contains(recipient.get().address())) {
            return verdict(Suppression.OWN_ADDRESS, recipient.get().address() + " is this mailbox");
        }
        return Optional.empty();
    }

    /** Whom an auto-reply answers: the first valid Reply-To address, else the first valid From address. */
    public static Optional<Recipient> recipient(RetrievedMessage original) {
        List<Recipient> candidates = Replies.valid(original.replyTo(), Set.of());
        if (candidates.isEmpty()) {
            candidates = Replies.valid(original.from(), Set.of());
        }
        return candidates.stream().findFirst();
    }

    private static Optional<Verdict> systemSender(String address, String where) {
        int at = address.lastIndexOf('@');
        String local = (at < 0 ? address : address.substring(0, at)).strip();
        if (SYSTEM_LOCAL_PART.matcher(local).matches()) {
            return verdict(Suppression.SYSTEM_SENDER, where + " " + address + " is a system address");
        }
        return Optional.empty();
    }

    private static Optional<Verdict> verdict(Suppression reason, String detail) {
        return Optional.of(new Verdict(reason, detail));
    }

    /** A reason not to answer, with the evidence. */
    public record Verdict(Suppression reason, String detail) {}
}
