package dev.mailbridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailbridge.MailboxAccount;
import dev.mailbridge.MailboxClient;
import dev.mailbridge.MailbridgeException;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievalReport;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.testing.TcpProxy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pending-policy recovery against the lab's Dovecot: a network that cuts the connection at random points many
 * times over a few thousand messages, a process killed with SIGKILL between its handler and the batch's policy, and a
 * folder the server renumbered after a failed handler, a capped newest-first run and a busy day. Each ends with the
 * folder as the policy promises, nothing lost, and nothing handed out twice but the message a kill interrupted.
 */
@Tag("interop")
class LabRecoveryTest {
    static final int SEEDED = 3_000;
    /** POP3 fetches one message per round trip: a smaller maildrop keeps its test quick. */
    static final int POP3_SEEDED = 600;
    /**
     * Connections each network test may cut; after them the proxy forwards untouched, so the job can finish. A run
     * opens two (Jakarta's store connection, which carries little, and the folder's), so about half of them are cut.
     */
    static final int CUTS = 24;

    static MailboxClient client;

    @BeforeAll
    static void labMustBeUp() {
        Lab.mustBeUp();
        client = Lab.client().build();
    }

    @Test
    void archiveFinishesThroughConnectionsCutAtRandomPoints(@TempDir Path checkpoints) throws Exception {
        assertCutsLoseNothing(Protocol.IMAP, "cut-archive", AfterHandling.archive(), checkpoints, 7);
    }

    @Test
    void deleteFinishesThroughConnectionsCutAtRandomPoints(@TempDir Path checkpoints) throws Exception {
        assertCutsLoseNothing(Protocol.IMAP, "cut-delete", AfterHandling.delete(), checkpoints, 11);
    }

    /** POP3 deletes at QUIT: a cut before it leaves handled mail that the next connection deletes first. */
    @Test
    void pop3DeleteFinishesThroughConnectionsCutAtRandomPoints(@TempDir Path checkpoints) throws Exception {
        assertCutsLoseNothing(Protocol.POP3, "cut-pop", AfterHandling.delete(), checkpoints, 13);
    }

    /**
     * Runs {@code policy} over {@code box} through a proxy that resets each of the first {@link #CUTS} connections
     * after a random number of server bytes past the login (up to a seventh of the folder's bytes: anywhere in
     * searches, fetches and policy commands), as an application honouring {@code isRetryable()} would: again after
     * every failure, until a run completes.
     */
    private static void assertCutsLoseNothing(
            Protocol protocol, String box, AfterHandling policy, Path checkpoints, long seed) throws Exception {
        int seeded = protocol == Protocol.IMAP ? SEEDED : POP3_SEEDED;
        Lab.seed(box, seeded);
        Random random = new Random(seed);
        AtomicInteger connection = new AtomicInteger();
        int folderBytes = seeded * 3_000;
        int port = protocol == Protocol.IMAP ? 993 : 995;
        try (TcpProxy proxy = TcpProxy.to(port)
                .cutServerAfter(
                        () -> connection.incrementAndGet() <= CUTS ? 20_000 + random.nextInt(folderBytes / 7) : -1)) {
            MailboxAccount viaProxy = Lab.box(box)
                    .incoming(protocol, Lab.HOST, proxy.port(), Security.IMPLICIT_TLS)
                    .build();
            MailboxClient durable = client.toBuilder()
                    .checkpointStore(CheckpointStore.inDirectory(checkpoints))
                    .build();
            Retrieval retrieval = protocol == Protocol.IMAP ? inbox(policy) : everything(policy);
            List<String> handled = new ArrayList<>();
            List<MailbridgeException> failures = new ArrayList<>();
            int runs = 0;
            RetrievalReport last = null;
            while (last == null && runs++ < CUTS + 5) {
                try {
                    last = durable.retrieve(viaProxy, retrieval, m -> handled.add(id(m)));
                } catch (MailbridgeException e) {
                    failures.add(e);
                }
            }

            assertThat(last).as("a run completed after the cuts").isNotNull();
            assertThat(failures).hasSizeGreaterThanOrEqualTo(CUTS / 3).allSatisfy(e -> {
                assertThat(e.code()).as(e.getMessage()).isEqualTo(ProblemCode.CONNECTION_LOST);
                assertThat(e.isRetryable()).isTrue();
            });
            assertThat(handled).as("every message handed out once").hasSize(seeded);
            assertThat(new HashSet<>(handled)).hasSize(seeded);
            assertThat(durable.retrieve(viaProxy, retrieval, m -> handled.add(id(m)))
                            .handled())
                    .as("nothing left for a later run")
                    .isZero();
        }
        if (protocol == Protocol.POP3) {
            MailboxAccount direct = Lab.box(box)
                    .incoming(Protocol.POP3, Lab.HOST, 995, Security.IMPLICIT_TLS)
                    .build();
            assertThat(client.toBuilder()
                            .checkpointStore(CheckpointStore.inMemory())
                            .build()
                            .retrieve(direct, everything(AfterHandling.leave()), m -> {})
                            .handled())
                    .as("maildrop after delete")
                    .isZero();
            return;
        }
        MailboxAccount direct = Lab.box(box).build();
        assertThat(count(direct, "INBOX")).as("INBOX after " + policy).isZero();
        if (policy.kind() == AfterHandling.Kind.ARCHIVE) {
            assertThat(ids(direct, "Archive")).as("each message archived once").hasSize(SEEDED);
            assertThat(count(direct, "Archive")).isEqualTo(SEEDED);
        }
    }

    /**
     * A child JVM archives the folder and is killed with SIGKILL while its handler holds message 130: batches 1 and 2
     * are archived, messages 101 to 129 are handled with their policy pending (written, never synced), and the kill
     * lands before that batch's MOVE. The next process completes those 29 first, hands out message 130 again (its
     * handler never returned: the at-least-once promise), then the rest.
     */
    @Test
    void aKillBetweenHandlerAndPolicyIsCompletedByTheNextProcess(@TempDir Path checkpoints) throws Exception {
        int seeded = 600;
        int blockAt = 130;
        Lab.seed("killed", seeded);
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledRetrieval.class.getName(),
                        checkpoints.toString(),
                        Integer.toString(blockAt))
                .redirectErrorStream(true)
                .start();
        List<String> handledByChild = new ArrayList<>();
        String blocked = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.startsWith("handled ")) {
                    handledByChild.add(line.substring("handled ".length()));
                } else if (line.startsWith("blocked ")) {
                    blocked = line.substring("blocked ".length());
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no close
                    break;
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(blocked).as("the child's output: %s", output).isNotNull();
        assertThat(handledByChild).hasSize(blockAt - 1);

        MailboxAccount account = Lab.box("killed").build();
        MailboxClient next = client.toBuilder()
                .checkpointStore(CheckpointStore.inDirectory(checkpoints))
                .build();
        List<String> handledAfter = new ArrayList<>();
        RetrievalReport report = next.retrieve(account, KilledRetrieval.RETRIEVAL, m -> handledAfter.add(id(m)));

        assertThat(report.folders().get(0).notes())
                .contains("completed the after-handling of 29 messages an earlier run had handled");
        assertThat(handledAfter.get(0)).as("the message in flight again").isEqualTo(blocked);
        assertThat(handledAfter).hasSize(seeded - blockAt + 1).doesNotContainAnyElementsOf(handledByChild);
        Set<String> all = new HashSet<>(handledByChild);
        all.addAll(handledAfter);
        assertThat(all).hasSize(seeded);
        assertThat(count(account, "INBOX")).isZero();
        assertThat(ids(account, "Archive")).hasSize(seeded);
        assertThat(count(account, "Archive")).isEqualTo(seeded);
    }

    /** A message whose handler failed before the server renumbered the folder is offered again, and only it. */
    @Test
    void aRenumberedFolderOffersAgainTheMessageWhoseHandlerFailed(@TempDir Path checkpoints) {
        long epoch = Instant.now().getEpochSecond();
        Lab.seed("renumber-failed", 200, epoch);
        MailboxAccount account = Lab.box("renumber-failed").build();
        MailboxClient durable = durable(checkpoints);
        RetrievalReport first = durable.retrieve(account, inbox(AfterHandling.leave()), m -> {
            if (id(m).equals("seed-77@lab.test")) {
                throw new IllegalStateException("the CRM's database was down");
            }
        });
        Lab.seed("renumber-failed", 200, epoch);
        List<String> again = new ArrayList<>();

        RetrievalReport second = durable.retrieve(account, inbox(AfterHandling.leave()), m -> again.add(id(m)));

        assertThat(first.failed()).isEqualTo(1);
        assertThat(second.folders().get(0).uidValidityChanged()).isTrue();
        assertThat(again).containsExactly("seed-77@lab.test");
    }

    /**
     * A newest-first run capped at 100 over 600 messages, then a renumbering, then capped runs until nothing is left:
     * the 500 older messages come after all, each once, and none of the first 100 again.
     */
    @Test
    void aRenumberedFolderKeepsTheOlderMailACappedNewestFirstRunLeft(@TempDir Path checkpoints) {
        long epoch = Instant.now().getEpochSecond();
        Lab.seed("renumber-newest", 600, epoch);
        MailboxAccount account = Lab.box("renumber-newest").build();
        MailboxClient durable = durable(checkpoints);
        Retrieval newest = Retrieval.newBuilder()
                .folders("INBOX")
                .order(Retrieval.Order.NEWEST_FIRST)
                .maxPerFolder(100)
                .build();
        List<String> handled = new ArrayList<>();
        durable.retrieve(account, newest, m -> handled.add(id(m)));
        assertThat(handled).hasSize(100).first().isEqualTo("seed-600@lab.test");
        Lab.seed("renumber-newest", 600, epoch);

        for (int run = 0;
                run < 10
                        && durable.retrieve(account, newest, m -> handled.add(id(m)))
                                        .handled()
                                > 0;
                run++) {
            // each run takes the next 100 older ones
        }

        assertThat(handled).hasSize(600);
        assertThat(new HashSet<>(handled)).hasSize(600);
    }

    /**
     * A busy folder (600 messages in 10 hours, one a minute) renumbered: every handled one is recognised, where the
     * cursor used to keep only the last 256 fingerprints and handed out the rest again.
     */
    @Test
    void aRenumberedBusyFolderRecognisesEveryHandledMessage(@TempDir Path checkpoints) {
        long epoch = Instant.now().getEpochSecond();
        Lab.seed("renumber", 600, epoch);
        MailboxAccount account = Lab.box("renumber").build();
        MailboxClient durable = durable(checkpoints);
        Retrieval leave = Retrieval.newBuilder()
                .folders("INBOX")
                .maxPerFolder(1_000)
                .backfill(java.time.Duration.ofDays(1))
                .build();
        assertThat(durable.retrieve(account, leave, m -> {}).handled()).isEqualTo(600);
        Lab.seed("renumber", 600, epoch);
        List<String> again = new ArrayList<>();

        RetrievalReport second = durable.retrieve(account, leave, m -> again.add(id(m)));

        assertThat(second.folders().get(0).uidValidityChanged()).isTrue();
        assertThat(again).isEmpty();
    }

    private static MailboxClient durable(Path checkpoints) {
        return client.toBuilder()
                .checkpointStore(CheckpointStore.inDirectory(checkpoints))
                .build();
    }

    private static Retrieval inbox(AfterHandling policy) {
        return Retrieval.newBuilder()
                .folders("INBOX")
                .maxPerFolder(SEEDED)
                .afterHandling(policy)
                .build();
    }

    private static Retrieval everything(AfterHandling policy) {
        return Retrieval.newBuilder().maxPerFolder(SEEDED).afterHandling(policy).build();
    }

    private static String id(RetrievedMessage message) {
        return message.messageId().orElseThrow(() -> new AssertionError("no Message-ID: " + message));
    }

    /** How many messages {@code folder} holds, counted by a leave-run with fresh checkpoints. */
    private static int count(MailboxAccount account, String folder) {
        return ids(account, folder).values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }

    /** Each Message-ID in {@code folder}, with how many copies of it the folder holds. */
    private static Map<String, Integer> ids(MailboxAccount account, String folder) {
        return Lab.messageIds(client, account, folder);
    }
}
