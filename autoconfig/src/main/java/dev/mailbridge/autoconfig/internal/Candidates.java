package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.Endpoint;
import dev.mailbridge.Protocol;
import dev.mailbridge.ProviderProfile;
import dev.mailbridge.UsernameForm;
import dev.mailbridge.autoconfig.Candidate;
import dev.mailbridge.autoconfig.Confidence;
import dev.mailbridge.autoconfig.ConfigDocument;
import dev.mailbridge.autoconfig.ServerSetting;
import dev.mailbridge.autoconfig.Source;
import java.util.ArrayList;
import java.util.List;

/** Makes candidates from presets and documents. */
final class Candidates {
    private Candidates() {}

    static Candidate fromProfile(
            DiscoveryContext ctx,
            ProviderProfile profile,
            Source source,
            Confidence confidence,
            String origin,
            List<String> notes) {
        String username = profile.usernameForm() == UsernameForm.LOCAL_PART ? "%EMAILLOCALPART%" : "%EMAILADDRESS%";
        List<String> auth = profile.acceptedCredentials().stream()
                .map(kind -> kind == dev.mailbridge.Credentials.Kind.OAUTH2 ? "OAuth2" : "password-cleartext")
                .distinct()
                .sorted()
                .toList();
        List<ServerSetting> incoming = new ArrayList<>();
        for (Endpoint e : profile.imapEndpoints()) {
            incoming.add(new ServerSetting(Protocol.IMAP, e, username, auth));
        }
        for (Endpoint e : profile.pop3Endpoints()) {
            incoming.add(new ServerSetting(Protocol.POP3, e, username, auth));
        }
        List<ServerSetting> outgoing = new ArrayList<>();
        for (Endpoint e : profile.smtpEndpoints()) {
            outgoing.add(new ServerSetting(Protocol.SMTP, e, username, auth));
        }
        return new Candidate(
                ctx.address(), source, confidence, origin, incoming, outgoing, notes, profile, profile.documentation());
    }

    static Candidate fromDocument(
            DiscoveryContext ctx,
            ConfigDocument doc,
            Source source,
            Confidence confidence,
            String origin,
            List<String> notes) {
        List<String> allNotes = new ArrayList<>(notes);
        doc.enablePage()
                .ifPresent(page -> allNotes.add("the provider asks users to enable IMAP/POP access at " + page));
        return new Candidate(
                ctx.address(),
                source,
                confidence,
                origin,
                imapFirst(doc.incoming()),
                doc.outgoing(),
                allNotes,
                null,
                doc.documentation());
    }

    /**
     * The document's incoming servers with IMAP before POP3, each protocol in the document's order: an application
     * needs folders to archive into, and a document that lists POP3 first still offers IMAP. POP3 stays as an
     * alternative.
     */
    static List<ServerSetting> imapFirst(List<ServerSetting> incoming) {
        List<ServerSetting> ordered = new ArrayList<>();
        for (ServerSetting s : incoming) {
            if (s.protocol() == Protocol.IMAP) {
                ordered.add(s);
            }
        }
        for (ServerSetting s : incoming) {
            if (s.protocol() != Protocol.IMAP) {
                ordered.add(s);
            }
        }
        return ordered;
    }
}
