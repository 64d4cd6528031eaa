package dev.mailbridge.sending;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.InvalidSettingsException;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.internal.sending.DisplayNameTemplate;
import dev.mailbridge.internal.sending.HeaderGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who a message is from: a mailbox account, the address it sends as (the mailbox's own or one of its declared {@link
 * MailboxAccount#sendAsAliases() aliases}), a display name that may carry placeholders filled per message, reply-to,
 * and default Bcc and headers. Immutable and thread-safe; make one per mailbox and role and reuse it.
 *
 * <pre>{@code
 * Identity support = Identity.newBuilder(account)
 *         .displayName("{agent} at Acme")
 *         .replyTo("support@acme.com")
 *         .build();
 * client.send(support, OutgoingEmail.newBuilder()
 *         .to("customer@example.com")
 *         .subject("Your order")
 *         .text("It ships today.")
 *         .placeholder("agent", "Dana")
 *         .build());
 * }</pre>
 *
 * <p>Mail goes out through the account's own SMTP server unless the identity is built {@link Builder#via(SharedSmtp)
 * via} a shared one. Every rule is checked when the identity is built, so a wrong From address is an error on the setup
 * screen rather than a bounce.
 */
public final class Identity {
    private final MailboxAccount account;
    private final EmailAddress from;
    private final DisplayNameTemplate displayName;
    private final List<EmailAddress> replyTo;
    private final List<EmailAddress> bcc;
    private final Map<String, String> headers;
    private final @Nullable SharedSmtp sharedSmtp;

    private Identity(Builder b, EmailAddress from, DisplayNameTemplate displayName) {
        this.account = b.account;
        this.from = from;
        this.displayName = displayName;
        this.replyTo = List.copyOf(b.replyTo);
        this.bcc = List.copyOf(b.bcc);
        this.headers = Map.copyOf(b.headers);
        this.sharedSmtp = b.sharedSmtp;
    }

    /** The mailbox's own address and display name, through its own SMTP server. */
    public static Identity of(MailboxAccount account) {
        return newBuilder(account).build();
    }

    /** Starts an identity for {@code account}: its address and display name unless changed. */
    public static Builder newBuilder(MailboxAccount account) {
        return new Builder(account);
    }

    /** The mailbox this identity sends for; its Sent folder gets the copies. */
    public MailboxAccount account() {
        return account;
    }

    /** The From address. */
    public EmailAddress from() {
        return from;
    }

    /** The display name as given, placeholders included, such as {@code {agent} at Acme}. */
    public String displayNameTemplate() {
        return displayName.template();
    }

    /** The placeholder names the display name needs filled per message. */
    public Set<String> placeholders() {
        return displayName.placeholders();
    }

    /**
     * The display name with {@code values} filled in.
     *
     * @throws IllegalArgumentException naming a placeholder that has no value
     */
    public String displayName(Map<String, String> values) {
        return displayName.fill(values);
    }

    /** Reply-To addresses, if any. */
    public List<EmailAddress> replyTo() {
        return replyTo;
    }

    /** Addresses every message is blind-copied to. */
    public List<EmailAddress> bcc() {
        return bcc;
    }

    /** Extra headers on every message. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The shared server mail goes through instead of the account's own, if one was chosen. */
    public Optional<SharedSmtp> sharedSmtp() {
        return Optional.ofNullable(sharedSmtp);
    }

    /** {@code Identity["{agent} at Acme" <support@acme.com>}, via ...]}; never a secret. */
    @Override
    public String toString() {
        return "Identity[\"" + displayName.template() + "\" <" + from + ">"
                + (sharedSmtp == null ? "" : " via " + sharedSmtp.server().endpoint()) + "]";
    }

    /** Builds an {@link Identity}; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private final MailboxAccount account;
        private String from;
        private String displayName;
        private final List<EmailAddress> replyTo = new ArrayList<>();
        private final List<EmailAddress> bcc = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private @Nullable SharedSmtp sharedSmtp;

        private Builder(MailboxAccount account) {
            this.account = Objects.requireNonNull(account, "account");
            this.from = account.address().toString();
            this.displayName = account.displayName().orElse("");
        }

        /** Sends as {@code address}: the mailbox's own address (the default) or one of its declared aliases. */
        public Builder from(String address) {
            this.from = Objects.requireNonNull(address, "from");
            return this;
        }

        /**
         * The name recipients see, such as {@code {agent} at Acme}; each {@code {name}} is a placeholder that every
         * message must fill with {@link OutgoingEmail.Builder#placeholder(String, String)}. An empty name sends the
         * bare address.
         */
        public Builder displayName(String template) {
            this.displayName = Objects.requireNonNull(template, "displayName");
            return this;
        }

        /** Where replies should go, such as a team address. */
        public Builder replyTo(String... addresses) {
            for (String address : addresses) {
                replyTo.add(EmailAddress.of(address));
            }
            return this;
        }

        /** Blind-copies every message to {@code addresses}, such as a CRM's archive address. */
        public Builder bcc(String... addresses) {
            for (String address : addresses) {
                bcc.add(EmailAddress.of(address));
            }
            return this;
        }

        /**
         * Adds a header to every message, such as {@code X-Ticket-System}.
         *
         * @throws IllegalArgumentException if the name is not a header name, is one Mailbridge sets itself, or the
         *     value holds a line break or NUL (header injection)
         */
        public Builder header(String name, String value) {
            HeaderGuard.checkCustomHeader(name, value);
            headers.put(name, value);
            return this;
        }

        /** Sends through {@code server} instead of the account's own SMTP server. */
        public Builder via(SharedSmtp server) {
            this.sharedSmtp = Objects.requireNonNull(server, "server");
            return this;
        }

        /**
         * Checks the From address against the mailbox and the server's rules, and the display name's placeholders.
         *
         * @throws InvalidSettingsException listing every problem, each with its fix
         */
        public Identity build() {
            List<String> problems = new ArrayList<>();
            EmailAddress sender = null;
            try {
                sender = EmailAddress.of(from);
                HeaderGuard.checkAsciiLocalPart("from", sender);
                if (!sender.equals(account.address())
                        && !account.sendAsAliases().contains(sender)) {
                    problems.add("from: " + sender + " is neither the mailbox address " + account.address()
                            + " nor one of its declared aliases " + account.sendAsAliases()
                            + "; providers refuse or rewrite such a From. Configure the alias at the provider, then"
                            + " declare it with MailboxAccount.Builder.sendAsAliases(\"" + sender + "\")");
                }
            } catch (IllegalArgumentException e) {
                problems.add("from: " + e.getMessage());
            }
            DisplayNameTemplate template = null;
            try {
                template = DisplayNameTemplate.parse(displayName);
            } catch (IllegalArgumentException e) {
                problems.add("displayName: " + e.getMessage());
            }
            if (sharedSmtp == null && account.outgoing().isEmpty()) {
                problems.add("account " + account.address() + " has no SMTP server: add smtp(...) to the account,"
                        + " or send via(SharedSmtp)");
            }
            SharedSmtp shared = sharedSmtp;
            if (shared != null && shared.fromMustMatchLogin() && sender != null) {
                String login = shared.server().username();
                if (!login.equalsIgnoreCase(sender.toString()) && !login.equalsIgnoreCase(sender.toAsciiString())) {
                    problems.add("from: the shared SMTP server "
                            + shared.server().endpoint() + " sends only as its"
                            + " login " + login + ", so mail from " + sender + " would be refused or rewritten; send"
                            + " through the mailbox's own SMTP server (drop via(...)) or use a relay that may send as "
                            + sender.domain());
                }
            }
            if (!problems.isEmpty() || sender == null || template == null) {
                throw new InvalidSettingsException("identity", problems);
            }
            return new Identity(this, sender, template);
        }
    }
}
