package dev.mailbridge.interop;

import dev.mailbridge.MailboxClient;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.Retrieval;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link LabRecoveryTest} kills: archives killed@lab.test's INBOX with checkpoints in the directory its
 * first argument names, prints {@code handled <Message-ID>} for each message its handler accepts, and at the message
 * its second argument counts prints {@code blocked <Message-ID>} and waits inside the handler until it is killed.
 */
final class KilledRetrieval {
    static final Retrieval RETRIEVAL = Retrieval.newBuilder()
            .folders("INBOX")
            .maxPerFolder(10_000)
            .batchSize(50)
            .afterHandling(AfterHandling.archive())
            .build();

    private KilledRetrieval() {}

    public static void main(String[] args) throws Exception {
        Path checkpoints = Path.of(args[0]);
        int blockAt = Integer.parseInt(args[1]);
        MailboxClient client = Lab.client()
                .checkpointStore(CheckpointStore.inDirectory(checkpoints))
                .build();
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        client.retrieve(Lab.box("killed").build(), RETRIEVAL, message -> {
            String id = message.messageId().orElse("?");
            if (seen.incrementAndGet() == blockAt) {
                System.out.println("blocked " + id);
                System.out.flush();
                never.await();
            }
            System.out.println("handled " + id);
            System.out.flush();
        });
        System.out.println("finished without being killed");
    }
}
