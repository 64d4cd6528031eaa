package dev.mailbridge.samples;

import dev.mailbridge.internal.retrieval.MessageParser;
import dev.mailbridge.retrieval.RetrievedMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Parsing alone, without a server: every message file of a Maildir (the lab's seeded folder) is parsed into a {@code
 * RetrievedMessage}, several rounds, and the best round is printed. {@code scripts/bench compare REF} runs it for the
 * parser of REF and of the working tree alternately, which tells a parser change apart from the noise of the network.
 *
 * <pre>
 * java -cp ... dev.mailbridge.samples.ParseBenchmark /var/lib/mailbridge-lab/mail/bench/Maildir 5
 * </pre>
 */
public final class ParseBenchmark {
    private ParseBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path maildir = Path.of(args.length > 0 ? args[0] : "/var/lib/mailbridge-lab/mail/bench/Maildir");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<byte[]> messages = new ArrayList<>();
        long bytes = 0;
        for (String folder : new String[] {"cur", "new"}) {
            Path dir = maildir.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    byte[] raw = Files.readAllBytes(file);
                    messages.add(raw);
                    bytes += raw.length;
                }
            }
        }
        if (messages.isEmpty()) {
            throw new IOException("no message files in " + maildir + "/cur or /new");
        }
        MessageParser parser = new MessageParser(25L * 1024 * 1024);
        double best = Double.MAX_VALUE;
        long problems = 0;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            problems = 0;
            for (int i = 0; i < messages.size(); i++) {
                byte[] raw = messages.get(i);
                try {
                    RetrievedMessage m =
                            parser.parse(RetrievedMessage.newBuilder("INBOX", Integer.toString(i), raw), raw);
                    problems += m.parseProblems().size();
                } catch (MessageParser.Unparseable e) {
                    problems++;
                }
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf(
                Locale.ROOT,
                "parsed %d messages (%.1f MiB) in %.3f s, best of %d rounds (%.0f msg/s), %d parse problems%n",
                messages.size(),
                bytes / 1048576.0,
                best,
                rounds,
                messages.size() / best,
                problems);
    }
}
