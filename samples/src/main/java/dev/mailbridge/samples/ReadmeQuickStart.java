package dev.mailbridge.samples;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.providers.Presets;

/**
 * The README's first snippet, compiled here so it cannot rot; {@code ReadmeSnippetTest} checks that README.md shows
 * exactly these lines. It is not run by the build: it talks to Gmail.
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
}
