package dev.mailbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.FolderReport;
import dev.mailbridge.retrieval.Retrieval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** POP3 retrieval against GreenMail's POP3S: remembered UIDLs for leave, DELE at QUIT for delete. */
class Pop3RetrievalTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = GreenMailServers.extension().withPerMethodLifecycle(true);

    @TempDir
    Path checkpoints;

    private GreenMailUser user;
    private MailboxClient client;
    private MailboxAccount account;
    private final List<String> handled = new ArrayList<>();

    @BeforeEach
    void setUp() {
        user = greenMail.setUser(GreenMailServers.ADDRESS, GreenMailServers.ADDRESS, GreenMailServers.PASSWORD);
        client = GreenMailServers.client(greenMail).toBuilder()
                .checkpointStore(CheckpointStore.inDirectory(checkpoints))
                .build();
        account = GreenMailServers.account(greenMail)
                .pop3("localhost", greenMail.getPop3s().getPort(), Security.IMPLICIT_TLS)
                .build();
    }

    @AfterEach
    void noConnectionLeftOpen() {
        GreenMailServers.assertNoOpenConnections(greenMail);
    }

    private void deliver(String... subjects) throws Exception {
        GreenMailServers.deliver(greenMail, user, subjects);
    }

    private FolderReport run(AfterHandling policy) {
        return client.retrieve(
                        account,
                        Retrieval.newBuilder().afterHandling(policy).build(),
                        message -> handled.add(message.subject() + " " + message.id()))
                .folders()
                .get(0);
    }

    @Test
    void leaveRemembersUidlsAcrossRuns() throws Exception {
        deliver("one", "two");

        FolderReport first = run(AfterHandling.leave());
        deliver("three");
        FolderReport second = run(AfterHandling.leave());

        assertThat(first.handled()).isEqualTo(2);
        assertThat(second.handled()).isEqualTo(1);
        assertThat(handled).extracting(h -> h.split(" ")[0]).containsExactly("one", "two", "three");
        assertThat(greenMail.getReceivedMessages()).hasSize(3);
    }

    @Test
    void deleteRemovesHandledMessagesAtQuitButNotFailedOnes() throws Exception {
        deliver("keep me", "delete me");

        FolderReport report = client.retrieve(
                        account,
                        Retrieval.newBuilder()
                                .afterHandling(AfterHandling.delete())
                                .build(),
                        message -> {
                            if (message.subject().equals("keep me")) {
                                throw new IllegalStateException("not now");
                            }
                        })
                .folders()
                .get(0);

        assertThat(report.deleted()).isEqualTo(1);
        assertThat(report.failed())
                .singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("not now"));
        assertThat(greenMail.getReceivedMessages())
                .singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("keep me"));
    }

    @Test
    void foldersAndArchivingAreClearErrorsForPop3() {
        assertThatThrownBy(() -> client.retrieve(
                        account, Retrieval.newBuilder().folders("Sent").build(), m -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("folder Sent: POP3 has only the inbox; use IMAP to read other folders");
        assertThatThrownBy(() -> client.retrieve(
                        account,
                        Retrieval.newBuilder()
                                .afterHandling(AfterHandling.archive())
                                .build(),
                        m -> {}))
                .hasMessageStartingWith("afterHandling ARCHIVE: POP3 has no folders or flags");
    }
}
