package dev.mailbridge.samples;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.autoconfig.Discovery;
import dev.mailbridge.autoconfig.DiscoveryResult;
import dev.mailbridge.autoconfig.DnsServerResolver;
import dev.mailbridge.autoconfig.DomainReadiness;
import dev.mailbridge.autoconfig.ReadinessReport;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.providers.Presets;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.FetchReport;
import dev.mailbridge.retrieval.HeaderScan;
import dev.mailbridge.retrieval.MessageRef;
import dev.mailbridge.retrieval.MessageSummary;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievalReport;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.retrieval.ScanPage;
import dev.mailbridge.sending.AutoReplyPolicy;
import dev.mailbridge.sending.AutoReplyResult;
import dev.mailbridge.sending.Identity;
import dev.mailbridge.sending.OutgoingEmail;
import dev.mailbridge.sending.SendReport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's snippets, compiled here so they cannot rot; {@code ReadmeSnippetTest} checks that README.md shows
 * exactly these lines. Most are not run by the build (they talk to Gmail); the scan runs against the embedded server in
 * {@code ReadmeScanTest}.
 */
final class ReadmeQuickStart {
    private ReadmeQuickStart() {}

    static CheckReport checkGmail() {
        // README:start
        MailboxClient client = MailboxClient.create(); // make once, share everywhere

        MailboxAccount account = MailboxAccount.newBuilder()
                .address("dana@gmail.com")
                .displayName("Dana at Acme")
                .profile(Presets.GMAIL) // servers, folders and advice from the preset
                .credentials(Credentials.appPassword("abcd efgh ijkl mnop"))
                .build();

        CheckReport report = client.check(account);
        System.out.println(report.toText()); // or report.toJson() for a ticket system
        // README:end
        return report;
    }

    /** Where the README's handler sends messages. */
    interface Tickets {
        void create(RetrievedMessage message);
    }

    static RetrievalReport importInbox(MailboxClient client, MailboxAccount account, Tickets tickets) {
        // README:start
        Retrieval retrieval = Retrieval.newBuilder()
                .folders("INBOX")
                .maxPerFolder(200)
                .backfill(Duration.ofDays(14))
                .afterHandling(AfterHandling.archive()) // or delete(), markSeen(), leave()
                .build();
        RetrievalReport report = client.retrieve(account, retrieval, message -> tickets.create(message));
        // README:end
        return report;
    }

    /** Where the README's scan sends what it finds. */
    interface Crm {
        /** Matches the message's participants and thread; says whether the CRM wants its body. */
        boolean matchContacts(MessageSummary summary);

        void saveScanPosition(String token);

        void importBody(RetrievedMessage message);
    }

    static FetchReport scanThenFetch(MailboxClient client, MailboxAccount account, Crm crm) {
        // README:start
        HeaderScan scan = HeaderScan.newBuilder()
                .folder("INBOX")
                .since(Instant.now().minus(Duration.ofDays(365)))
                .build();
        List<MessageRef> wanted = new ArrayList<>();
        ScanPage page = client.scan(account, scan); // 500 summaries a page, no bodies
        while (true) {
            for (MessageSummary summary : page.messages()) {
                if (crm.matchContacts(summary)) { // from, to, cc, dates, Message-ID, References...
                    wanted.add(summary.ref());
                }
            }
            crm.saveScanPosition(page.cursor().token()); // ScanCursor.fromToken(...) continues after a restart
            if (page.complete()) {
                break;
            }
            page = client.scan(account, scan.toBuilder().after(page.cursor()).build());
        }
        FetchReport bodies = client.fetchMessages(account, wanted, message -> crm.importBody(message));
        // README:end
        return bodies;
    }

    static MailboxAccount discover(MailboxClient client, String password) {
        // README:start
        Discovery discovery = Discovery.newBuilder(client).build(); // make once, share
        DiscoveryResult found = discovery.discover("dana@example.com");
        MailboxAccount discovered = found.best()
                .orElseThrow() // found.toText() says what every source answered
                .toAccount(Credentials.password(password))
                .build();

        ReadinessReport domain = DomainReadiness.newBuilder().build().check("acme.com"); // MX, SPF, DKIM, DMARC
        // README:end
        System.out.println(domain.toText());
        return discovered;
    }

    static Discovery throughOneDnsServer() {
        // README:start
        InetSocketAddress resolver = new InetSocketAddress("10.0.0.53", 53);
        MailboxClient client =
                MailboxClient.newBuilder().dns(DnsServerResolver.of(resolver)).build();
        Discovery discovery = Discovery.newBuilder(client).dnsServer(resolver).build();
        // README:end
        return discovery;
    }

    static SendReport replyAndAcknowledge(MailboxClient client, MailboxAccount account, RetrievedMessage question) {
        // README:start
        Identity agent = Identity.newBuilder(account)
                .displayName("{agent} at Acme") // filled per message; a missing value is an error
                .replyTo("support@acme.com")
                .build();

        OutgoingEmail reply = OutgoingEmail.replyTo(question, agent) // Re:, In-Reply-To, References
                .placeholder("agent", "Dana")
                .text("It ships today.")
                .build();
        SendReport report = client.send(agent, List.of(reply)); // one connection per batch; copy to Sent

        AutoReplyResult ack = client.autoReply(
                agent,
                question,
                AutoReplyPolicy.ofDefaults(),
                auto -> auto.placeholder("agent", "the Acme team")
                        .text("We received your request.")); // never to lists, bounces or robots; once a day per sender
        // README:end
        return report;
    }
}
