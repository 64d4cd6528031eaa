package dev.mailbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bad input gets one error that lists every problem, each naming the field and the fix. */
class AccountValidationTest {
    @Test
    void everyProblemIsReportedAtOnce() {
        MailboxAccount.Builder builder = MailboxAccount.newBuilder()
                .address("dana")
                .imap("imap.acme.com", 993, Security.STARTTLS)
                .smtp("smtp.acme.com", 70000, Security.IMPLICIT_TLS);

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(
                        InvalidSettingsException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "address 'dana' has no '@domain': give the full address, such as dana@example.com",
                                        "credentials are missing: call credentials(Credentials.password(...)), appPassword(...)"
                                                + " or oauth2(...)",
                                        "incoming: port 993 is the implicit-TLS IMAP port; STARTTLS there will time out waiting"
                                                + " for a greeting: use IMPLICIT_TLS on 993, or STARTTLS on 143",
                                        "outgoing.port 70000 is outside 1-65535: SMTP normally uses 465 (IMPLICIT_TLS) or 587"
                                                + " (STARTTLS) or 25 (STARTTLS)"))
                .hasMessageStartingWith("account is invalid (4 problems): 1. address 'dana'");
    }

    @Test
    void implicitTlsOnTheStartTlsPortAndAnotherProtocolsPort() {
        MailboxAccount.Builder builder = MailboxAccount.newBuilder()
                .address("dana@acme.com")
                .credentials(Credentials.password("secret"))
                .imap("imap.acme.com", 587, Security.STARTTLS)
                .smtp("smtp.acme.com", 587, Security.IMPLICIT_TLS);

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(
                        InvalidSettingsException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "incoming: port 587 is a standard SMTP port, not IMAP: IMAP uses 993 (IMPLICIT_TLS) or"
                                                + " 143 (STARTTLS)",
                                        "outgoing: port 587 is the STARTTLS SMTP port; implicit TLS there fails in the"
                                                + " handshake: use STARTTLS on 587, or IMPLICIT_TLS on 465"));
    }

    @Test
    void plaintextNeedsTwoExplicitOptIns() {
        MailboxAccount.Builder builder = MailboxAccount.newBuilder()
                .address("dana@acme.com")
                .credentials(Credentials.password("secret"))
                .imap("mail.acme.com", 143, Security.NONE);

        assertThatThrownBy(builder::build).hasMessageContaining("call allowUnencryptedConnections()");
        builder.allowUnencryptedConnections();
        assertThatThrownBy(builder::build).hasMessageContaining("call allowCredentialsOverUnencryptedConnections()");
        builder.allowCredentialsOverUnencryptedConnections();
        assertThat(builder.build().allowsCredentialsOverUnencryptedConnections())
                .isTrue();
    }

    @Test
    void hostTypos() {
        MailboxAccount.Builder builder = MailboxAccount.newBuilder()
                .address("dana@acme.com")
                .credentials(Credentials.password("secret"))
                .imap("https://mail.acme.com", 993, Security.IMPLICIT_TLS)
                .smtp("smtp.acme.com:465", 465, Security.IMPLICIT_TLS);

        assertThatThrownBy(builder::build)
                .hasMessageContaining("incoming.host 'https://mail.acme.com' is a URL")
                .hasMessageContaining("outgoing.host 'smtp.acme.com:465' contains ':'");
    }

    @Test
    void internationalisedDomainsAreAcceptedInBothForms() {
        MailboxAccount account = MailboxAccount.newBuilder()
                .address("info@bücher.example")
                .credentials(Credentials.password("secret"))
                .imap("mail.bücher.example", 993, Security.IMPLICIT_TLS)
                .build();

        assertThat(account.address().domain()).isEqualTo("bücher.example");
        assertThat(account.address().asciiDomain()).isEqualTo("xn--bcher-kva.example");
        assertThat(account.incoming().orElseThrow().endpoint().asciiHost()).isEqualTo("mail.xn--bcher-kva.example");
        assertThat(EmailAddress.of("info@xn--bcher-kva.example")).isEqualTo(account.address());
    }

    @Test
    void profileFillsServersAndUsername() {
        ProviderProfile profile = ProviderProfile.newBuilder("acme", "Acme Mail")
                .imap("imap.acme.com", 993, Security.IMPLICIT_TLS)
                .pop3("pop.acme.com", 995, Security.IMPLICIT_TLS)
                .smtp("smtp.acme.com", 587, Security.STARTTLS)
                .usernameForm(UsernameForm.LOCAL_PART)
                .build();

        MailboxAccount imap = MailboxAccount.newBuilder()
                .address("dana@acme.com")
                .credentials(Credentials.password("secret"))
                .profile(profile)
                .build();
        MailboxAccount pop = imap.toBuilder().preferPop3().build();

        assertThat(imap.incoming().orElseThrow())
                .isEqualTo(new IncomingServer(
                        Protocol.IMAP, new Endpoint("imap.acme.com", 993, Security.IMPLICIT_TLS), "dana"));
        assertThat(imap.outgoing().orElseThrow().endpoint().port()).isEqualTo(587);
        assertThat(pop.incoming().orElseThrow().protocol())
                .as("toBuilder keeps the explicit server")
                .isEqualTo(Protocol.IMAP);
        MailboxAccount fromProfile = MailboxAccount.newBuilder()
                .address("dana@acme.com")
                .credentials(Credentials.password("secret"))
                .profile(profile)
                .preferPop3()
                .build();
        assertThat(fromProfile.incoming().orElseThrow().endpoint().host()).isEqualTo("pop.acme.com");
    }

    @Test
    void aVariantWithAnotherAddressLogsInAsThatAddressUnlessTheUsernameWasChosen() {
        MailboxAccount dana = MailboxAccount.newBuilder()
                .address("dana@acme.com")
                .imap("imap.acme.com", 993, Security.IMPLICIT_TLS)
                .smtp("smtp.acme.com", 465, Security.IMPLICIT_TLS)
                .credentials(Credentials.password("secret"))
                .build();

        MailboxAccount sam = dana.toBuilder().address("sam@acme.com").build();
        MailboxAccount custom = dana.toBuilder().outgoingUsername("relay-user").build().toBuilder()
                .address("sam@acme.com")
                .build();

        assertThat(sam.incoming().orElseThrow().username()).isEqualTo("sam@acme.com");
        assertThat(sam.outgoing().orElseThrow().username()).isEqualTo("sam@acme.com");
        assertThat(custom.incoming().orElseThrow().username()).isEqualTo("sam@acme.com");
        assertThat(custom.outgoing().orElseThrow().username()).isEqualTo("relay-user");
        assertThat(dana.toBuilder().build().toString()).isEqualTo(dana.toString());
    }

    @Test
    void secretsNeverAppearInToString() {
        MailboxAccount account = MailboxAccount.newBuilder()
                .address("dana@acme.com")
                .credentials(Credentials.appPassword("abcd efgh ijkl mnop"))
                .imap("imap.acme.com", 993, Security.IMPLICIT_TLS)
                .build();

        assertThat(account.toString())
                .isEqualTo("MailboxAccount[dana@acme.com, incoming=IMAP imap.acme.com:993 (IMPLICIT_TLS) as"
                        + " dana@acme.com, credentials=APP_PASSWORD]");
        assertThat(account.credentials().toString()).doesNotContain("abcd");
        assertThat(account.credentials().secretForNewConnection().reveal()).isEqualTo("abcdefghijklmnop");
        assertThat(Secret.of("hunter2").toString()).isEqualTo("[redacted]");
    }

    @Test
    void clientRejectsInfiniteTimeouts() {
        assertThatThrownBy(() -> MailboxClient.newBuilder().readTimeout(java.time.Duration.ZERO))
                .hasMessage("readTimeout is PT0S; it must be positive (Mailbridge never waits forever)");
    }
}
