package dev.mailbridge.samples;

import dev.mailbridge.internal.retrieval.MessageParser;
import dev.mailbridge.retrieval.Attachment;
import dev.mailbridge.retrieval.RetrievedMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * The measurement issue 12 asks for before choosing a parser: Apache James mime4j against Mailbridge's parser (Jakarta
 * Mail with Mailbridge's own leniency), on the same messages, doing the same work (subject, sender, recipients, the
 * text and HTML bodies, every attachment's decoded bytes). Prints the speed of each on a Maildir (the lab's seeded
 * folder) and which of the real-world classes of issue 12 each reads right.
 *
 * <pre>
 * java -cp ... dev.mailbridge.samples.Mime4jComparison /var/lib/mailbridge-lab/mail/bench/Maildir 5
 * </pre>
 */
public final class Mime4jComparison {
    private Mime4jComparison() {}

    /** What a helpdesk needs from a message, as each parser reads it. */
    private record Extract(String subject, String from, String text, List<String> attachmentNames) {}

    public static void main(String[] args) throws Exception {
        Path maildir = Path.of(args.length > 0 ? args[0] : "/var/lib/mailbridge-lab/mail/bench/Maildir");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<byte[]> messages = load(maildir);
        MessageParser ours = new MessageParser(25L * 1024 * 1024);
        DefaultMessageBuilder theirs = mime4j();
        double oursBest = Double.MAX_VALUE;
        double theirsBest = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (byte[] raw : messages) {
                withMailbridge(ours, raw);
            }
            oursBest = Math.min(oursBest, (System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            for (byte[] raw : messages) {
                withMime4j(theirs, raw);
            }
            theirsBest = Math.min(theirsBest, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf(
                Locale.ROOT,
                "%d messages, best of %d rounds: Mailbridge %.3f s (%.0f msg/s), mime4j %.3f s (%.0f msg/s),"
                        + " mime4j / Mailbridge %.2f%n",
                messages.size(),
                rounds,
                oursBest,
                messages.size() / oursBest,
                theirsBest,
                messages.size() / theirsBest,
                theirsBest / oursBest);
        int oursRight = 0;
        int theirsRight = 0;
        for (Map.Entry<String, Case> c : cases().entrySet()) {
            byte[] raw = c.getValue().raw().replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            Extract a = withMailbridge(ours, raw);
            Extract b = withMime4j(theirs, raw);
            boolean okA = c.getValue().check().test(a);
            boolean okB = c.getValue().check().test(b);
            oursRight += okA ? 1 : 0;
            theirsRight += okB ? 1 : 0;
            System.out.printf(
                    Locale.ROOT,
                    "  %-44s Mailbridge %-5s mime4j %-5s%n",
                    c.getKey(),
                    okA ? "right" : "WRONG",
                    okB ? "right" : "WRONG");
        }
        System.out.printf(
                Locale.ROOT,
                "real-world classes read right: Mailbridge %d of %d, mime4j (lenient configuration) %d of %d%n",
                oursRight,
                cases().size(),
                theirsRight,
                cases().size());
    }

    private record Case(String raw, java.util.function.Predicate<Extract> check) {}

    /** One message per class of issue 12 that a parser may get wrong, with what a reader expects. */
    private static Map<String, Case> cases() {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put(
                "raw UTF-8 subject",
                new Case(
                        "From: a@x.example\nSubject: Rückerstattung\n\nx\n",
                        e -> e.subject().equals("Rückerstattung")));
        cases.put(
                "misspelled encoding 'quoted printable'",
                new Case(
                        "From: a@x.example\nSubject: s\nContent-Type: text/plain; charset=utf-8\n"
                                + "Content-Transfer-Encoding: quoted printable\n\nGr=C3=BC=C3=9Fe\n",
                        e -> e.text().strip().equals("Grüße")));
        cases.put(
                "unknown encoding 'x-gzip64' keeps the text",
                new Case(
                        "From: a@x.example\nSubject: s\nContent-Transfer-Encoding: x-gzip64\n\nH4sIAAAA\n",
                        e -> e.text().strip().equals("H4sIAAAA")));
        cases.put(
                "unquoted boundary holding '='",
                new Case(
                        "From: a@x.example\nSubject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=----=_P_1\n\n"
                                + "------=_P_1\nContent-Type: text/plain\n\nbody\n------=_P_1--\n",
                        e -> e.text().strip().equals("body")));
        cases.put(
                "';;' in a multipart type keeps the parts",
                new Case(
                        "From: a@x.example\nSubject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed;; boundary=\"b\"\n\n"
                                + "--b\nContent-Type: text/plain\n\nbody\n--b\nContent-Type: application/pdf; name=\"a.pdf\"\n\n%PDF\n"
                                + "--b--\n",
                        e -> e.text().strip().equals("body")
                                && e.attachmentNames().contains("a.pdf")));
        cases.put(
                "unquoted encoded-word file name",
                new Case(
                        "From: a@x.example\nSubject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
                                + "--b\nContent-Type: text/plain\n\nbody\n--b\nContent-Type: application/pdf\n"
                                + "Content-Disposition: attachment; filename==?UTF-8?B?UmVjaG51bmcgTcOkcnoucGRm?=\n\n%PDF\n--b--\n",
                        e -> e.attachmentNames().contains("Rechnung März.pdf")));
        cases.put(
                "comment inside an address",
                new Case(
                        "From: pete(his account)@silly.test\nSubject: s\n\nx\n",
                        e -> e.from().equals("pete@silly.test")));
        cases.put(
                "truncated base64 keeps the later attachment",
                new Case(
                        "From: a@x.example\nSubject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
                                + "--b\nContent-Type: text/plain\n\nbody\n"
                                + "--b\nContent-Type: application/pdf; name=\"cut.pdf\"\nContent-Transfer-Encoding: base64\n\n"
                                + "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW\n"
                                + "--b\nContent-Type: image/png; name=\"later.png\"\nContent-Transfer-Encoding: base64\n\n"
                                + "iVBORw0KGgo=\n--b--\n",
                        e -> e.attachmentNames().contains("cut.pdf")
                                && e.attachmentNames().contains("later.png")));
        return cases;
    }

    private static Extract withMailbridge(MessageParser parser, byte[] raw) {
        try {
            RetrievedMessage m = parser.parse(RetrievedMessage.newBuilder("INBOX", "1", raw), raw);
            List<String> names = new ArrayList<>();
            for (Attachment a : m.attachments()) {
                names.add(a.fileName().orElse(""));
                a.bytes();
            }
            return new Extract(
                    m.subject(),
                    m.from().isEmpty() ? "" : m.from().get(0).address(),
                    m.textBody().orElse(""),
                    names);
        } catch (MessageParser.Unparseable e) {
            return new Extract("", "", "", List.of());
        }
    }

    private static DefaultMessageBuilder mime4j() {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.custom()
                .setMaxLineLen(-1)
                .setMaxHeaderLen(-1)
                .setMaxHeaderCount(-1)
                .setStrictParsing(false)
                .build());
        builder.setDecodeMonitor(org.apache.james.mime4j.codec.DecodeMonitor.SILENT);
        return builder;
    }

    private static Extract withMime4j(DefaultMessageBuilder builder, byte[] raw) {
        try {
            Message m = builder.parseMessage(new ByteArrayInputStream(raw));
            StringBuilder text = new StringBuilder();
            List<String> names = new ArrayList<>();
            walk(m, text, names);
            MailboxList from = m.getFrom();
            String sender = from == null || from.isEmpty() ? "" : from.get(0).getAddress();
            return new Extract(m.getSubject() == null ? "" : m.getSubject(), sender, text.toString(), names);
        } catch (IOException | RuntimeException e) {
            return new Extract("", "", "", List.of());
        }
    }

    private static void walk(Entity entity, StringBuilder text, List<String> names) throws IOException {
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                walk(part, text, names);
            }
            return;
        }
        String fileName = entity.getFilename();
        if (fileName == null
                && body instanceof TextBody textBody
                && text.length() == 0
                && entity.getMimeType().startsWith("text/plain")) {
            try (var reader = new java.io.BufferedReader(textBody.getReader())) {
                text.append(reader.lines().reduce((a, b) -> a + "\n" + b).orElse(""));
            }
            return;
        }
        if (body instanceof SingleBody single) {
            try (InputStream in = single.getInputStream()) {
                in.readAllBytes();
            }
            names.add(fileName == null ? "" : fileName);
        }
    }

    private static List<byte[]> load(Path maildir) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        for (String folder : new String[] {"cur", "new"}) {
            Path dir = maildir.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.sorted().toList()) {
                        messages.add(Files.readAllBytes(file));
                    }
                }
            }
        }
        if (messages.isEmpty()) {
            throw new IOException("no message files in " + maildir + "/cur or /new");
        }
        return messages;
    }
}
