package dev.mailbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.Credentials;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.Security;
import dev.mailbridge.retrieval.FetchReport;
import dev.mailbridge.retrieval.MessageSummary;
import dev.mailbridge.retrieval.RetrievedMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's scan snippet, run against the embedded server: every page listed, the wanted bodies fetched. */
class ReadmeScanTest {
    @Test
    void theReadmeScanListsEveryPageAndFetchesTheWantedBodies() {
        try (EmbeddedMailServer server = EmbeddedMailServer.start()) {
            server.addUser("dana@mailbridge.test", "correct-horse-42");
            server.seed("dana@mailbridge.test", 1_203);
            MailboxClient client = MailboxClient.newBuilder()
                    .tlsTrust(EmbeddedMailServer.trust())
                    .build();
            MailboxAccount account = MailboxAccount.newBuilder()
                    .address("dana@mailbridge.test")
                    .imap("localhost", server.imapsPort(), Security.IMPLICIT_TLS)
                    .credentials(Credentials.password("correct-horse-42"))
                    .build();
            List<MessageSummary> summaries = new ArrayList<>();
            List<String> positions = new ArrayList<>();
            List<RetrievedMessage> bodies = new ArrayList<>();

            FetchReport report = ReadmeQuickStart.scanThenFetch(client, account, new ReadmeQuickStart.Crm() {
                @Override
                public boolean matchContacts(MessageSummary summary) {
                    summaries.add(summary);
                    return !summary.inReplyTo().isEmpty(); // the CRM wants the replies' bodies
                }

                @Override
                public void saveScanPosition(String token) {
                    positions.add(token);
                }

                @Override
                public void importBody(RetrievedMessage message) {
                    bodies.add(message);
                }
            });

            assertThat(summaries).hasSize(1_203);
            assertThat(positions).hasSize(3); // 500 + 500 + 203
            assertThat(report.fetched()).isEqualTo(1_203 / 4);
            assertThat(bodies).allSatisfy(m -> assertThat(m.textBody()).isPresent());
            assertThat(report.missing()).isEmpty();
        }
    }
}
