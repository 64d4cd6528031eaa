package dev.mailbridge.samples;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.Security;
import dev.mailbridge.autoconfig.AutoconfigDocuments;
import dev.mailbridge.autoconfig.Discovery;
import dev.mailbridge.autoconfig.DiscoveryResult;
import dev.mailbridge.autoconfig.MailSettingsTemplate;
import dev.mailbridge.autoconfig.Source;
import dev.mailbridge.check.CheckOptions;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.FolderReport;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievalReport;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.sending.DeliveryResult;
import dev.mailbridge.sending.Identity;
import dev.mailbridge.sending.OutgoingEmail;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The README demo: starts an embedded mail server where a customer has written in, discovers the support mailbox's
 * settings from its address (served as an autoconfig document by a sample web server), connects the mailbox,
 * checks both directions with a live round trip, imports the inbox with the archive policy, replies to the customer as
 * an agent (threaded in the customer's inbox, copied to Sent), then shows what a wrong password looks like.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        try (EmbeddedMailServer server = EmbeddedMailServer.start()) {
            server.addUser("dana@mailbridge.test", "Correct-Horse-42");
            server.addUser("chris@customer.test", "Chris-Customer-7");

            MailboxClient client = MailboxClient.newBuilder()
                    .tlsTrust(EmbeddedMailServer.trust()) // the embedded server's demo CA
                    .build();
            out.println("== 0. Discover the settings from the address, as a setup screen would ==");
            MailSettingsTemplate settings = MailSettingsTemplate.newBuilder("mailbridge.test")
                    .displayName("Mailbridge Demo Mail")
                    .imap("localhost", server.imapsPort(), Security.IMPLICIT_TLS)
                    .smtp("localhost", server.smtpsPort(), Security.IMPLICIT_TLS)
                    .build();
            MailboxAccount account;
            try (AutoconfigServer web = AutoconfigServer.start(AutoconfigDocuments.of(settings))) {
                Discovery discovery = Discovery.newBuilder(client)
                        .httpFetcher(web.fetcherFor("mailbridge.test")) // stands in for DNS + HTTPS
                        .sources(EnumSet.of(Source.PRESET, Source.AUTOCONFIG)) // the demo stays offline
                        .ispdb(null)
                        .build();
                DiscoveryResult found = discovery.discover("dana@mailbridge.test");
                out.println(found.toText());
                account = found.best()
                        .orElseThrow()
                        .toAccount(Credentials.password("Correct-Horse-42"))
                        .displayName("Dana at Mailbridge")
                        .build();
            }

            MailboxAccount customer = MailboxAccount.newBuilder()
                    .address("chris@customer.test")
                    .displayName("Chris Customer")
                    .imap("localhost", server.imapsPort(), Security.IMPLICIT_TLS)
                    .smtp("localhost", server.smtpsPort(), Security.IMPLICIT_TLS)
                    .credentials(Credentials.password("Chris-Customer-7"))
                    .build();
            DeliveryResult asking = client.send(
                    Identity.of(customer),
                    OutgoingEmail.newBuilder()
                            .to("dana@mailbridge.test")
                            .subject("Where is order 42?")
                            .text("Hello, has my order shipped yet?")
                            .build());
            out.println("A customer writes in: " + asking.status() + " " + asking.messageId() + "\n");

            out.println("== 1. Check both directions and send a test message to ourselves ==");
            CheckReport report = client.check(
                    account,
                    CheckOptions.newBuilder()
                            .roundTrip(Duration.ofSeconds(30))
                            .removeTestMessage(false) // step 2 imports it
                            .build());
            out.println(report.toText());

            out.println("== 2. Import the inbox, archiving each message once it is handled ==");
            AtomicReference<RetrievedMessage> question = new AtomicReference<>();
            RetrievalReport imported = client.retrieve(
                    account,
                    Retrieval.newBuilder()
                            .afterHandling(AfterHandling.archive())
                            .build(),
                    message -> {
                        out.println("  handled " + message.id() + " from " + message.from() + ": " + message.subject()
                                + (message.isReply() ? " (reply)" : " (new conversation)"));
                        if (message.subject().startsWith("Where is order")) {
                            question.set(message);
                        }
                    });
            for (FolderReport folder : imported.folders()) {
                out.println("  " + folder.folder() + ": " + folder.handled() + " handled, " + folder.archived()
                        + " archived, " + folder.failed().size() + " failed; " + String.join("; ", folder.notes()));
            }
            RetrievalReport archive = client.retrieve(
                    account,
                    Retrieval.newBuilder().folders("Archive").build(),
                    message -> out.println("  now in Archive: " + message.subject()));
            int inboxAgain = client.retrieve(account, Retrieval.newBuilder().build(), message -> {})
                    .handled();
            out.println("  a second run of INBOX finds " + inboxAgain + " new messages; Archive holds "
                    + archive.handled() + "\n");

            out.println("== 3. Reply to the customer as an agent: threaded in their inbox, kept in Sent ==");
            RetrievedMessage asked = Objects.requireNonNull(question.get(), "the customer's question was not imported");
            Identity agent = Identity.newBuilder(account)
                    .displayName("{agent} at Mailbridge")
                    .build();
            DeliveryResult reply = client.send(
                    agent,
                    OutgoingEmail.replyTo(asked, agent)
                            .placeholder("agent", "Dana")
                            .text("Hello Chris, it ships today.")
                            .build());
            out.println("  " + reply.status() + " " + reply.messageId() + " to " + reply.accepted() + "; Sent copy: "
                    + reply.sentCopy().detail());
            client.retrieve(customer, Retrieval.newBuilder().build(), message -> {
                boolean threaded =
                        message.inReplyTo().equals(asked.messageId().stream().toList());
                out.println("  Chris's inbox: \"" + message.subject() + "\" from " + message.from()
                        + (threaded ? ", in reply to the question " + message.inReplyTo() : ", not threaded"));
            });
            String sentFolder = reply.sentCopy().appendedTo().orElse("Sent");
            client.retrieve(
                    account,
                    Retrieval.newBuilder().folders(sentFolder).build(),
                    message -> out.println("  Dana's " + sentFolder + ": \"" + message.subject() + "\" "
                            + message.messageId().orElse("")));
            out.println();

            out.println("== 4. The same mailbox with a wrong password ==");
            MailboxAccount mistyped = account.toBuilder()
                    .credentials(Credentials.password("correct-horse-42"))
                    .build();
            out.println(client.check(mistyped).toText());
        }
    }
}
