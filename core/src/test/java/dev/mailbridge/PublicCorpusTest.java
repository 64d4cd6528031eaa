package dev.mailbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievalReport;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.sending.AutoReplyPolicy;
import dev.mailbridge.sending.AutoReplyResult;
import dev.mailbridge.sending.Identity;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real messages from public test suites (CPython's email tests and Sisimai's bounce collection, licences in
 * src/test/resources/public-corpus) through retrieval from GreenMail: every message is handled or reported, the fields
 * agree with what an independent parser (Python's email package, expected.tsv) reads, and no automated message gets an
 * auto-reply while the human ones do (the spam in msg_47 carries no automated-mail signal; the per-sender rate limit is
 * what protects against it, so it counts in neither group).
 */
class PublicCorpusTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = GreenMailServers.extension();

    /** The corpus messages a person wrote. */
    private static final Set<String> HUMAN =
            Set.of("cpython-msg_06.txt", "cpython-msg_10.txt", "cpython-msg_15.txt", "cpython-msg_35.txt");

    /** Reports, digests and bounces: machines, which must never get an auto-reply. */
    private static final Set<String> AUTOMATED = Set.of(
            "cpython-msg_02.txt", "cpython-msg_16.txt", "sisimai-arf-22.eml", "sisimai-email-exchange2007-05.eml");

    private static final Path CORPUS = Path.of("src/test/resources/public-corpus");

    @Test
    void realMessagesArriveWholeAgreeWithAnIndependentParseAndMachinesGetNoAutoReply() throws Exception {
        GreenMailUser user =
                greenMail.setUser(GreenMailServers.ADDRESS, GreenMailServers.ADDRESS, GreenMailServers.PASSWORD);
        Map<String, String[]> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(CORPUS.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t", -1);
            if (!fields[0].equals("file")) {
                expected.put(fields[0], fields);
            }
        }
        var inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
        Session session = Session.getInstance(new Properties());
        for (String file : expected.keySet()) {
            byte[] raw = Files.readAllBytes(CORPUS.resolve(file));
            inbox.appendMessage(new MimeMessage(session, new ByteArrayInputStream(raw)), new Flags(), new Date());
        }
        MailboxClient client = GreenMailServers.client(greenMail);
        MailboxAccount account = GreenMailServers.account(greenMail).build();
        List<RetrievedMessage> handled = new ArrayList<>();

        RetrievalReport report = client.retrieve(account, Retrieval.newBuilder().build(), handled::add);

        int reported = report.folders().get(0).malformed().size();
        assertThat(handled.size() + reported)
                .as("handled + reported = delivered")
                .isEqualTo(expected.size());

        int fields = 0;
        int agreeing = 0;
        List<String> disagreements = new ArrayList<>();
        int automatedAnswered = 0;
        int humanSuppressed = 0;
        Identity helpdesk = Identity.of(account);
        for (RetrievedMessage message : handled) {
            // The subjects are unique in the corpus; they tell the retrieved messages apart.
            String subject = String.join(" ", message.subject().split("\\s+")).strip();
            String file = expected.values().stream()
                    .filter(row -> row[1].equals(subject))
                    .map(row -> row[0])
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no corpus message has the subject '" + subject + "'"));
            String[] want = expected.get(file);
            String[] got = {
                file,
                String.join(" ", message.subject().split("\\s+")).strip(),
                message.from().isEmpty() ? "" : message.from().get(0).address().toLowerCase(Locale.ROOT),
                message.from().isEmpty()
                        ? ""
                        : Objects.requireNonNullElse(message.from().get(0).displayName(), ""),
                firstLine(message.textBody().orElse(""))
            };
            for (int i = 1; i < want.length; i++) {
                boolean commentName =
                        i == 3 && message.header("From").orElse("").contains("(");
                if (commentName) {
                    // Deliberate: a trailing comment names the sender (pete@x (Pete Smith)), as mail clients show it;
                    // Python's parser leaves the name empty.
                    continue;
                }
                fields++;
                if (want[i].equals(got[i])) {
                    agreeing++;
                } else {
                    disagreements.add(file + " field " + i + ": expected '" + want[i] + "', got '" + got[i] + "'");
                }
            }
            AutoReplyResult reply = client.autoReply(
                    helpdesk, message, AutoReplyPolicy.ofDefaults(), auto -> auto.text("We received your request."));
            if (AUTOMATED.contains(file) && reply.suppressed().isEmpty()) {
                automatedAnswered++;
            }
            // A second message from the same person within the period is held back by the rate limit, as it should.
            if (HUMAN.contains(file)
                    && reply.suppressed().isPresent()
                    && reply.suppressed().get() != AutoReplyResult.Suppression.RATE_LIMITED) {
                humanSuppressed++;
            }
        }
        System.err.printf(
                Locale.ROOT,
                "public corpus: %d delivered, %d handled + %d reported; %d of %d fields agree with Python's email"
                        + " package; automated answered %d, human suppressed %d%n",
                expected.size(),
                handled.size(),
                reported,
                agreeing,
                fields,
                automatedAnswered,
                humanSuppressed);
        assertThat(disagreements).isEmpty();
        assertThat(automatedAnswered).isZero();
        assertThat(humanSuppressed).isZero();
    }

    private static String firstLine(String text) {
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "";
    }
}
