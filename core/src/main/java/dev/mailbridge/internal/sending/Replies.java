package dev.mailbridge.internal.sending;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.retrieval.MailAddress;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.sending.Identity;
import dev.mailbridge.sending.OutgoingEmail;
import dev.mailbridge.sending.Recipient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Fills a reply's recipients, subject and threading headers from the message it answers. */
public final class Replies {
    /**
     * Reply prefixes mail clients add, in the languages whose clients do not use "Re:" (Outlook's German "AW:",
     * Scandinavian "SV:", Dutch "Antw:"...), with Outlook's "RE[2]:" counter and stray spaces before the colon.
     */
    private static final Pattern REPLY_PREFIXES = Pattern.compile(
            "^(\\s*(re|aw|sv|vs|antw|ref|res|rif|odp|ynt)\\s*(\\[\\d+]|\\(\\d+\\))?\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /**
     * At most this many References: the thread's root plus the most recent ones. Long threads otherwise grow the header
     * past what some servers accept, and clients thread by the root and the parent.
     */
    static final int MAX_REFERENCES = 20;

    private Replies() {}

    /** Prefills {@code b} as a reply (or reply-all) to {@code original} from {@code identity}. */
    public static void prefill(OutgoingEmail.Builder b, RetrievedMessage original, Identity identity, boolean all) {
        Set<EmailAddress> own = ownAddresses(identity);
        List<Recipient> to = valid(original.replyTo().isEmpty() ? original.from() : original.replyTo(), own);
        if (to.isEmpty()
                && !original.from().isEmpty()
                && valid(original.from(), Set.of()).stream().allMatch(r -> own.contains(r.address()))) {
            // Replying to a message the mailbox sent itself continues the conversation with its recipients.
            to = valid(original.to(), own);
        }
        Set<EmailAddress> seen = new HashSet<>();
        for (Recipient r : to) {
            if (seen.add(r.address())) {
                b.to(r);
            }
        }
        if (all) {
            List<MailAddress> others = new ArrayList<>(original.to());
            others.addAll(original.cc());
            for (Recipient r : valid(others, own)) {
                if (seen.add(r.address())) {
                    b.cc(r);
                }
            }
        }
        b.subject(replySubject(original.subject()));
        original.messageId().ifPresent(id -> {
            try {
                b.threading(id, references(original));
            } catch (IllegalArgumentException malformed) {
                // A broken Message-ID cannot be referenced; the reply still goes out, unthreaded.
            }
        });
    }

    /** {@code Re: } plus the subject without any reply prefixes it already had. */
    public static String replySubject(String subject) {
        return "Re: " + baseSubject(subject);
    }

    /** The subject without leading reply prefixes. */
    public static String baseSubject(String subject) {
        String oneLine = subject.replace('\r', ' ').replace('\n', ' ').strip();
        return REPLY_PREFIXES.matcher(oneLine).replaceFirst("").strip();
    }

    /** The References for a reply: the parent's, else its In-Reply-To, then the parent itself; trimmed in the middle. */
    static List<String> references(RetrievedMessage original) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        List<String> earlier = original.references().isEmpty() ? original.inReplyTo() : original.references();
        for (String id : earlier) {
            String checked = checkedId(id);
            if (checked != null) {
                ids.add(checked);
            }
        }
        original.messageId().map(Replies::checkedId).ifPresent(ids::add);
        List<String> list = new ArrayList<>(ids);
        if (list.size() <= MAX_REFERENCES) {
            return list;
        }
        List<String> trimmed = new ArrayList<>();
        trimmed.add(list.get(0));
        trimmed.addAll(list.subList(list.size() - (MAX_REFERENCES - 1), list.size()));
        return trimmed;
    }

    private static @Nullable String checkedId(String id) {
        try {
            return HeaderGuard.messageId("reference", id);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    static Set<EmailAddress> ownAddresses(Identity identity) {
        Set<EmailAddress> own = new HashSet<>(identity.account().sendAsAliases());
        own.add(identity.account().address());
        own.add(identity.from());
        return own;
    }

    /** The addresses that parse and can be sent to, minus {@code exclude}; a broken address cannot be answered. */
    static List<Recipient> valid(List<MailAddress> addresses, Set<EmailAddress> exclude) {
        List<Recipient> result = new ArrayList<>();
        for (MailAddress address : addresses) {
            Optional<Recipient> recipient = recipient(address);
            if (recipient.isPresent() && !exclude.contains(recipient.get().address())) {
                result.add(recipient.get());
            }
        }
        return result;
    }

    static Optional<Recipient> recipient(MailAddress address) {
        try {
            String name = address.displayName();
            if (name != null) {
                name = name.replace('\r', ' ').replace('\n', ' ').replace('\0', ' ');
            }
            return Optional.of(new Recipient(EmailAddress.of(address.address()), name));
        } catch (IllegalArgumentException unusable) {
            return Optional.empty();
        }
    }
}
