package dev.mailbridge.autoconfig;

import dev.mailbridge.Credentials;
import dev.mailbridge.EmailAddress;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.ProviderProfile;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Settings discovery proposes for an address: the incoming servers (IMAP and/or POP3) and outgoing servers (SMTP) in
 * the source's order of preference, where they came from and how far to trust them.
 *
 * <pre>{@code
 * Candidate best = discovery.discover("dana@example.com").best().orElseThrow();
 * MailboxAccount account = best.toAccount(Credentials.password(secret)).build();
 * client.check(account); // confirm before saving
 * }</pre>
 */
public final class Candidate {
    private final EmailAddress address;
    private final Source source;
    private final Confidence confidence;
    private final String origin;
    private final List<ServerSetting> incoming;
    private final List<ServerSetting> outgoing;
    private final List<String> notes;
    private final @Nullable ProviderProfile profile;
    private final List<URI> documentation;

    /**
     * Makes a candidate; discovery makes these.
     *
     * @param origin what was asked, such as the URL or the DNS name
     * @param notes warnings for a person, such as "fetched over plain HTTP"
     */
    public Candidate(
            EmailAddress address,
            Source source,
            Confidence confidence,
            String origin,
            List<ServerSetting> incoming,
            List<ServerSetting> outgoing,
            List<String> notes,
            @Nullable ProviderProfile profile,
            List<URI> documentation) {
        this.address = Objects.requireNonNull(address, "address");
        this.source = Objects.requireNonNull(source, "source");
        this.confidence = Objects.requireNonNull(confidence, "confidence");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.incoming = List.copyOf(incoming);
        this.outgoing = List.copyOf(outgoing);
        this.notes = List.copyOf(notes);
        this.profile = profile;
        this.documentation = List.copyOf(documentation);
    }

    /** The address this candidate is for. */
    public EmailAddress address() {
        return address;
    }

    /** The source that proposed it. */
    public Source source() {
        return source;
    }

    /** How far to trust it. */
    public Confidence confidence() {
        return confidence;
    }

    /** What was asked: a URL, a DNS name, a preset id. */
    public String origin() {
        return origin;
    }

    /** Incoming servers, most preferred first. */
    public List<ServerSetting> incoming() {
        return incoming;
    }

    /** Outgoing servers, most preferred first. */
    public List<ServerSetting> outgoing() {
        return outgoing;
    }

    /** Warnings for a person. */
    public List<String> notes() {
        return notes;
    }

    /** The provider's profile when a preset matched, with its folders, quirks and advice. */
    public Optional<ProviderProfile> profile() {
        return Optional.ofNullable(profile);
    }

    /** Setup documentation the source linked. */
    public List<URI> documentation() {
        return documentation;
    }

    /**
     * An account builder with this candidate's first incoming and outgoing server, the usernames filled in, and the
     * preset's profile; add anything else and build.
     */
    public MailboxAccount.Builder toAccount(Credentials credentials) {
        MailboxAccount.Builder b =
                MailboxAccount.newBuilder().address(address.toString()).credentials(credentials);
        if (profile != null) {
            b.profile(profile);
        }
        if (!incoming.isEmpty()) {
            ServerSetting in = incoming.get(0);
            b.incoming(
                            in.protocol(),
                            in.endpoint().host(),
                            in.endpoint().port(),
                            in.endpoint().security())
                    .incomingUsername(in.username(address));
        }
        if (!outgoing.isEmpty()) {
            ServerSetting out = outgoing.get(0);
            b.smtp(out.endpoint().host(), out.endpoint().port(), out.endpoint().security())
                    .outgoingUsername(out.username(address));
        }
        return b;
    }

    /** Source, confidence and the first servers; one line. */
    @Override
    public String toString() {
        return "Candidate[" + source + " " + confidence + " from " + origin + ": "
                + (incoming.isEmpty() ? "no incoming" : incoming.get(0))
                + ", " + (outgoing.isEmpty() ? "no outgoing" : outgoing.get(0))
                + (notes.isEmpty() ? "" : ", notes=" + notes) + "]";
    }
}
