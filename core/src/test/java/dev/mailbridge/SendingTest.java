package dev.mailbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.internal.retrieval.MessageParser;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.sending.DeliveryResult;
import dev.mailbridge.sending.Identity;
import dev.mailbridge.sending.OutgoingAttachment;
import dev.mailbridge.sending.OutgoingEmail;
import dev.mailbridge.sending.Recipient;
import dev.mailbridge.sending.SendOptions;
import dev.mailbridge.sending.SendReport;
import dev.mailbridge.sending.SentCopy;
import dev.mailbridge.sending.SharedSmtp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sending through GreenMail over implicit TLS (465), read back by the recipients over IMAPS. */
class SendingTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = GreenMailServers.extension().withPerMethodLifecycle(true);

    static final String CUSTOMER = "chris@customer.example";
    static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

    private GreenMailUser dana;
    private MailboxClient client;
    private MailboxAccount account;

    @BeforeEach
    void setUp() {
        dana = greenMail.setUser(GreenMailServers.ADDRESS, GreenMailServers.ADDRESS, GreenMailServers.PASSWORD);
        greenMail.setUser(CUSTOMER, CUSTOMER, "customer-pw");
        greenMail.setUser("audit@customer.example", "audit@customer.example", "audit-pw");
        client = GreenMailServers.client(greenMail).toBuilder()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        account = GreenMailServers.account(greenMail)
                .sendAsAliases("sales@mailbridge.test")
                .build();
    }

    @AfterEach
    void noConnectionLeftOpen() {
        GreenMailServers.assertNoOpenConnections(greenMail);
    }

    /** Every message in {@code folder} of {@code address}'s mailbox, read with Mailbridge's own retrieval. */
    private List<RetrievedMessage> mailOf(String address, String password, String folder) {
        MailboxAccount reader = GreenMailServers.account(greenMail)
                .address(address)
                .credentials(Credentials.password(password))
                .build();
        List<RetrievedMessage> messages = new ArrayList<>();
        client.toBuilder()
                .checkpointStore(dev.mailbridge.retrieval.CheckpointStore.inMemory())
                .build()
                .retrieve(
                        reader,
                        Retrieval.newBuilder()
                                .folders(folder)
                                .afterHandling(AfterHandling.leave())
                                .build(),
                        messages::add);
        return messages;
    }

    private List<RetrievedMessage> customerInbox() {
        return mailOf(CUSTOMER, "customer-pw", "INBOX");
    }

    @Test
    void nonAsciiNamesSubjectAndFileNamesRoundTripWithHtmlInlineImageAndAttachment() {
        Identity identity =
                Identity.newBuilder(account).displayName("Dana Müller").build();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0};
        OutgoingEmail email = OutgoingEmail.newBuilder()
                .to(CUSTOMER, "Chris Çelik")
                .bcc("audit@customer.example")
                .subject("Ihre Bestellung — größer als 10 € ✓")
                .text("Grüße aus Köln\n.a line starting with a dot\n")
                .html("<p>Grüße aus <b>Köln</b><img src=\"cid:logo\"></p>")
                .attach(OutgoingAttachment.inlineImage("logo", "logo.png", "image/png", png))
                .attach(OutgoingAttachment.of(
                        "Rechnung März.pdf", "application/pdf", "%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII)))
                .build();

        DeliveryResult result = client.send(identity, email);

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.SENT);
        assertThat(result.messageId()).endsWith("@mailbridge.test");
        RetrievedMessage received = customerInbox().get(0);
        assertThat(received.subject()).isEqualTo("Ihre Bestellung — größer als 10 € ✓");
        assertThat(received.from().get(0).displayName()).isEqualTo("Dana Müller");
        assertThat(received.to().get(0).displayName()).isEqualTo("Chris Çelik");
        assertThat(received.messageId()).contains(result.messageId());
        assertThat(received.sentAt()).contains(NOW);
        assertThat(received.textBody().orElseThrow()).contains("Grüße aus Köln", ".a line starting with a dot");
        assertThat(received.htmlBody().orElseThrow()).contains("cid:logo");
        assertThat(received.attachments())
                .extracting(a -> a.fileName().orElse(""))
                .contains("Rechnung März.pdf");
        assertThat(received.header("Bcc")).isEmpty();
        assertThat(mailOf("audit@customer.example", "audit-pw", "INBOX")).hasSize(1);

        assertThat(result.sentCopy().status()).isEqualTo(SentCopy.Status.APPENDED);
        String sentFolder = result.sentCopy().appendedTo().orElseThrow();
        List<RetrievedMessage> sent = mailOf(GreenMailServers.ADDRESS, GreenMailServers.PASSWORD, sentFolder);
        assertThat(sent).singleElement().satisfies(copy -> {
            assertThat(copy.messageId()).contains(result.messageId());
            assertThat(copy.flags()).contains("\\Seen");
            assertThat(copy.header("Bcc"))
                    .hasValueSatisfying(bcc -> assertThat(bcc).contains("audit@customer.example"));
        });
    }

    @Test
    void aProviderThatFilesSentMailItselfGetsNoSecondCopy() {
        ProviderProfile keepsCopy = ProviderProfile.newBuilder("keeps", "Keeps Copy Mail")
                .imap("mail.mailbridge.test", 993, Security.IMPLICIT_TLS)
                .smtp("mail.mailbridge.test", 465, Security.IMPLICIT_TLS)
                .smtpKeepsSentCopy(true)
                .build();
        MailboxAccount withProfile = account.toBuilder().profile(keepsCopy).build();

        DeliveryResult result = client.send(Identity.of(withProfile), plain("Hello"));

        assertThat(result.sentCopy().status()).isEqualTo(SentCopy.Status.STORED_BY_PROVIDER);
        assertThat(greenMail.getManagers().getImapHostManager().getFolder(dana, "Sent"))
                .isNull();
    }

    @Test
    void aBatchAppendsEachSentMessageToSentExactlyOnce() {
        SendReport report = client.send(Identity.of(account), List.of(plain("One"), plain("Two"), plain("Three")));

        assertThat(report.allSent()).isTrue();
        assertThat(report.connections()).isEqualTo(1);
        String folder = report.results().get(0).sentCopy().appendedTo().orElseThrow();
        List<RetrievedMessage> sent = mailOf(GreenMailServers.ADDRESS, GreenMailServers.PASSWORD, folder);
        assertThat(sent).extracting(RetrievedMessage::subject).containsExactly("One", "Two", "Three");
        assertThat(customerInbox()).hasSize(3);
    }

    @Test
    void aReplyThreadsUnderTheOriginalWithOneRePrefixAndTheAgentsName() throws Exception {
        RetrievedMessage original = parse("From: Chris <" + CUSTOMER + ">\r\n"
                + "To: Dana <" + GreenMailServers.ADDRESS + ">\r\n"
                + "Subject: RE: Re: Order 42\r\n"
                + "Message-ID: <order42-3@customer.example>\r\n"
                + "References: <order42-1@mailbridge.test> <order42-2@customer.example>\r\n"
                + "\r\nWhere is it?\r\n");
        Identity agent =
                Identity.newBuilder(account).displayName("{agent} at Acme").build();

        DeliveryResult result = client.send(
                agent,
                OutgoingEmail.replyTo(original, agent)
                        .placeholder("agent", "Dana")
                        .text("It ships today.")
                        .build());

        RetrievedMessage reply = customerInbox().get(0);
        assertThat(reply.subject()).isEqualTo("Re: Order 42");
        assertThat(reply.from().get(0).displayName()).isEqualTo("Dana at Acme");
        assertThat(reply.inReplyTo()).containsExactly("order42-3@customer.example");
        assertThat(reply.references())
                .containsExactly(
                        "order42-1@mailbridge.test", "order42-2@customer.example", "order42-3@customer.example");
        assertThat(reply.threadRootId()).contains("order42-1@mailbridge.test");
        assertThat(result.sentCopy().status()).isEqualTo(SentCopy.Status.APPENDED);
    }

    @Test
    void replyAllCopiesTheOthersButNeverTheMailboxOrItsAliases() throws Exception {
        RetrievedMessage original = parse("From: Chris <" + CUSTOMER + ">\r\n"
                + "To: " + GreenMailServers.ADDRESS + ", Sam <sam@customer.example>\r\n"
                + "Cc: sales@mailbridge.test, " + CUSTOMER + "\r\n"
                + "Subject: Quote\r\nMessage-ID: <q@customer.example>\r\n\r\nPlease quote.\r\n");

        OutgoingEmail reply = OutgoingEmail.replyToAll(original, Identity.of(account))
                .text("Attached.")
                .build();

        assertThat(reply.to()).extracting(r -> r.address().toString()).containsExactly(CUSTOMER);
        assertThat(reply.cc()).extracting(r -> r.address().toString()).containsExactly("sam@customer.example");
        assertThat(reply.inReplyTo()).contains("q@customer.example");
    }

    @Test
    void aMissingPlaceholderFailsThatMessageOnlyAndNamesThePlaceholder() {
        Identity agent =
                Identity.newBuilder(account).displayName("{agent} at Acme").build();

        SendReport report = client.send(
                agent,
                List.of(
                        plain("No agent"),
                        plain("With agent").toBuilder()
                                .placeholder("agent", "Sam")
                                .build()));

        DeliveryResult missing = report.results().get(0);
        assertThat(missing.status()).isEqualTo(DeliveryResult.Status.NOT_SENT);
        assertThat(missing.problem().orElseThrow().code()).isEqualTo(ProblemCode.MESSAGE_INVALID);
        assertThat(missing.problem().orElseThrow().message()).contains("{agent}", "placeholder(\"agent\"");
        assertThat(report.results().get(1).status()).isEqualTo(DeliveryResult.Status.SENT);
        assertThat(customerInbox())
                .singleElement()
                .satisfies(m -> assertThat(m.from().get(0).displayName()).isEqualTo("Sam at Acme"));
    }

    @Test
    void anUndeclaredAliasIsRefusedAndADeclaredOneIsUsed() {
        assertThatThrownBy(() ->
                        Identity.newBuilder(account).from("ceo@mailbridge.test").build())
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("ceo@mailbridge.test is neither the mailbox address")
                .hasMessageContaining("sendAsAliases(\"ceo@mailbridge.test\")");

        Identity sales =
                Identity.newBuilder(account).from("sales@mailbridge.test").build();
        assertThat(client.send(sales, plain("From sales")).sent()).isTrue();
        assertThat(customerInbox().get(0).from().get(0).address()).isEqualTo("sales@mailbridge.test");
    }

    @Test
    void aSharedServerThatSendsOnlyAsItsLoginRefusesAnotherFromBeforeSending() {
        SharedSmtp gmailRelay = SharedSmtp.newBuilder()
                .smtp("smtp.gmail.com", 465, Security.IMPLICIT_TLS)
                .username("helpdesk@gmail.com")
                .credentials(Credentials.appPassword("abcd efgh ijkl mnop"))
                .fromMustMatchLogin(true)
                .build();

        assertThatThrownBy(() -> Identity.newBuilder(account).via(gmailRelay).build())
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("sends only as its login helpdesk@gmail.com")
                .hasMessageNotContaining("abcd efgh");
    }

    @Test
    void aSharedServerSendsWithItsBounceAddressAndTheMailboxKeepsTheCopy() {
        greenMail.setUser("system@mailbridge.test", "system@mailbridge.test", "system-pw");
        SharedSmtp system = SharedSmtp.newBuilder()
                .smtp("mail.mailbridge.test", greenMail.getSmtps().getPort(), Security.IMPLICIT_TLS)
                .username("system@mailbridge.test")
                .credentials(Credentials.password("system-pw"))
                .envelopeSender("bounces@mailbridge.test")
                .build();
        Identity viaSystem = Identity.newBuilder(account).via(system).build();

        DeliveryResult result = client.send(viaSystem, plain("Via the system server"));

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.SENT);
        RetrievedMessage received = customerInbox().get(0);
        assertThat(received.from().get(0).address()).isEqualTo(GreenMailServers.ADDRESS);
        assertThat(received.header("Return-Path"))
                .hasValueSatisfying(v -> assertThat(v).contains("bounces@mailbridge.test"));
        assertThat(result.sentCopy().status()).isEqualTo(SentCopy.Status.APPENDED);
    }

    @Test
    void headerInjectionIsRefusedWhereverTextBecomesAHeader() {
        OutgoingEmail.Builder b = OutgoingEmail.newBuilder();
        assertThatThrownBy(() -> b.subject("Hi\r\nBcc: victim@example.com"))
                .hasMessageContaining("subject contains a line break")
                .hasMessageContaining("header injection refused");
        assertThatThrownBy(() -> b.header("X-Ticket", "1\nBcc: victim@example.com"))
                .hasMessageContaining("header X-Ticket contains a line break");
        assertThatThrownBy(() -> b.header("Bcc", "victim@example.com")).hasMessageContaining("set by Mailbridge");
        assertThatThrownBy(() -> b.header("X Bad", "v")).hasMessageContaining("printable ASCII without spaces");
        assertThatThrownBy(() -> Recipient.of(CUSTOMER, "Chris\r\nBcc: victim@example.com"))
                .hasMessageContaining("recipient name contains a line break");
        assertThatThrownBy(() -> b.placeholder("agent", "Dana\0")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> b.threading("<a@b>\r\nBcc: x", List.of())).hasMessageContaining("is not a Message-ID");
        assertThatThrownBy(() -> Recipient.of("chris@customer.example>\r\nBcc: victim@example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        Identity.newBuilder(account).displayName("Dana\nBcc: x").build())
                .hasMessageContaining("display name contains a line break");
        assertThatThrownBy(() ->
                        Identity.newBuilder(account).displayName("Dana {agent").build())
                .hasMessageContaining("opens no placeholder");
    }

    @Test
    void aMessageOverTheSizeLimitFailsBeforeAnyConnection() {
        SendReport report = client.send(
                Identity.of(account),
                List.of(OutgoingEmail.newBuilder()
                        .to(CUSTOMER)
                        .text("x".repeat(10_000))
                        .build()),
                SendOptions.newBuilder().maxMessageSize(4096).build());

        assertThat(report.connections()).isZero();
        assertThat(report.results().get(0).problem().orElseThrow().code()).isEqualTo(ProblemCode.MESSAGE_TOO_LARGE);
        assertThat(customerInbox()).isEmpty();
    }

    @Test
    void aPop3MailboxHasNoSentFolderToAppendTo() {
        MailboxAccount pop3 = account.toBuilder()
                .pop3("mail.mailbridge.test", greenMail.getPop3s().getPort(), Security.IMPLICIT_TLS)
                .build();

        DeliveryResult result = client.send(Identity.of(pop3), plain("Over POP3"));

        assertThat(result.sent()).isTrue();
        assertThat(result.sentCopy().status()).isEqualTo(SentCopy.Status.NOT_POSSIBLE);
    }

    static OutgoingEmail plain(String subject) {
        return OutgoingEmail.newBuilder()
                .to(CUSTOMER)
                .subject(subject)
                .text("Body of " + subject)
                .build();
    }

    static RetrievedMessage parse(String raw) throws Exception {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        return new MessageParser(1_000_000).parse(RetrievedMessage.newBuilder("INBOX", "1", bytes), bytes);
    }
}
