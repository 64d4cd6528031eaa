package dev.mailbridge.samples;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.Security;
import dev.mailbridge.check.CheckOptions;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.FolderReport;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievalReport;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The README demo: starts an embedded mail server, connects a mailbox, checks both directions with a live round trip,
 * imports the test message with the archive policy and shows where it went, then shows what a wrong password looks
 * like.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        try (EmbeddedMailServer server = EmbeddedMailServer.start()) {
            server.addUser("dana@mailbridge.test", "Correct-Horse-42");

            MailboxClient client = MailboxClient.newBuilder()
                    .tlsTrust(EmbeddedMailServer.trust()) // the embedded server's demo CA
                    .build();
            MailboxAccount account = MailboxAccount.newBuilder()
                    .address("dana@mailbridge.test")
                    .displayName("Dana at Mailbridge")
                    .imap("localhost", server.imapsPort(), Security.IMPLICIT_TLS)
                    .smtp("localhost", server.smtpsPort(), Security.IMPLICIT_TLS)
                    .credentials(Credentials.password("Correct-Horse-42"))
                    .build();

            out.println("== 1. Check both directions and send a test message to ourselves ==");
            CheckReport report = client.check(
                    account,
                    CheckOptions.newBuilder()
                            .roundTrip(Duration.ofSeconds(30))
                            .removeTestMessage(false) // step 2 imports it
                            .build());
            out.println(report.toText());

            out.println("== 2. Import the inbox, archiving each message once it is handled ==");
            RetrievalReport imported = client.retrieve(
                    account,
                    Retrieval.newBuilder()
                            .afterHandling(AfterHandling.archive())
                            .build(),
                    message -> out.println("  handled " + message.id() + " from " + message.from() + ": "
                            + message.subject() + (message.isReply() ? " (reply)" : " (new conversation)")));
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

            out.println("== 3. The same mailbox with a wrong password ==");
            MailboxAccount mistyped = account.toBuilder()
                    .credentials(Credentials.password("correct-horse-42"))
                    .build();
            out.println(client.check(mistyped).toText());
        }
    }
}
