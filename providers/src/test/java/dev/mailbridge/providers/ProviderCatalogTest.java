package dev.mailbridge.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailbridge.Credentials;
import dev.mailbridge.FolderRole;
import dev.mailbridge.InvalidSettingsException;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.ProviderProfile;
import dev.mailbridge.Security;
import org.junit.jupiter.api.Test;

class ProviderCatalogTest {
    private final ProviderCatalog catalog = ProviderCatalog.builtIn();

    @Test
    void findsByDomainAndAddressInAnyCase() {
        assertThat(catalog.byDomain("gmail.com")).contains(Presets.GMAIL);
        assertThat(catalog.byDomain("Dana@GoogleMail.COM")).contains(Presets.GMAIL);
        assertThat(catalog.byDomain("hotmail.com")).contains(Presets.OUTLOOK_COM);
        assertThat(catalog.byDomain("acme.example")).isEmpty();
    }

    @Test
    void findsCustomDomainsByMxHost() {
        assertThat(catalog.byMxHost("ASPMX.L.GOOGLE.COM.")).contains(Presets.GOOGLE_WORKSPACE);
        assertThat(catalog.byMxHost("acme-com.mail.protection.outlook.com")).contains(Presets.MICROSOFT_365);
        assertThat(catalog.byMxHost("in1-smtp.messagingengine.com")).contains(Presets.FASTMAIL);
        assertThat(catalog.byMxHost("mx.notgoogle.com")).isEmpty();
    }

    @Test
    void applicationProfilesWinOverBuiltIns() {
        ProviderProfile mine = ProviderProfile.newBuilder("corp-gmail-proxy", "Corp proxy")
                .domains("gmail.com")
                .imap("imap.corp.example", 993, Security.IMPLICIT_TLS)
                .smtp("smtp.corp.example", 465, Security.IMPLICIT_TLS)
                .build();

        ProviderCatalog custom =
                ProviderCatalog.newBuilder().addBuiltIns().add(mine).build();

        assertThat(custom.byDomain("gmail.com")).contains(mine);
        assertThat(catalog.byDomain("gmail.com")).contains(Presets.GMAIL);
    }

    @Test
    void gmailAccountFromThePreset() {
        MailboxAccount account = MailboxAccount.newBuilder()
                .address("dana@gmail.com")
                .credentials(Credentials.appPassword("abcd efgh ijkl mnop"))
                .profile(Presets.GMAIL)
                .build();

        assertThat(account.incoming().orElseThrow().endpoint().toString())
                .isEqualTo("imap.gmail.com:993 (IMPLICIT_TLS)");
        assertThat(account.outgoing().orElseThrow().username()).isEqualTo("dana@gmail.com");
        assertThat(Presets.GMAIL.deleteOnlyRemovesLabel()).isTrue();
        assertThat(Presets.GMAIL.folderName(FolderRole.SENT)).contains("[Gmail]/Sent Mail");
    }

    @Test
    void microsoftRefusesPasswordsAtBuildTime() {
        MailboxAccount.Builder builder = MailboxAccount.newBuilder()
                .address("dana@contoso.com")
                .credentials(Credentials.password("secret"))
                .profile(Presets.MICROSOFT_365);

        assertThatThrownBy(builder::build)
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("account is invalid: credentials: Microsoft 365 does not accept PASSWORD; it accepts"
                        + " [OAUTH2]");
    }

    @Test
    void hostGatorSecureOptionUsesTheServerName() {
        MailboxAccount account = MailboxAccount.newBuilder()
                .address("info@acme.com")
                .credentials(Credentials.password("secret"))
                .profile(HostGator.secure("gator1234.hostgator.com"))
                .build();

        assertThat(account.incoming().orElseThrow().endpoint().toString())
                .isEqualTo("gator1234.hostgator.com:993 (IMPLICIT_TLS)");
        assertThat(account.outgoing().orElseThrow().endpoint().port()).isEqualTo(465);
        assertThatThrownBy(() -> HostGator.secure("mail.acme.com")).hasMessageContaining("gator1234.hostgator.com");
    }

    @Test
    void hostGatorUnencryptedOptionNeedsBothOptIns() {
        MailboxAccount.Builder builder = MailboxAccount.newBuilder()
                .address("info@acme.com")
                .credentials(Credentials.password("secret"))
                .profile(HostGator.unencrypted("acme.com"));

        assertThatThrownBy(builder::build).hasMessageContaining("allowUnencryptedConnections()");
        MailboxAccount account = builder.allowUnencryptedConnections()
                .allowCredentialsOverUnencryptedConnections()
                .build();
        assertThat(account.outgoing().orElseThrow().endpoint().toString()).isEqualTo("mail.acme.com:26 (NONE)");
    }

    @Test
    void genericPresetHasTheStandardAlternates() {
        ProviderProfile generic = Presets.generic("bücher.example");

        assertThat(generic.imapEndpoints()).extracting(e -> e.port()).containsExactly(993, 143);
        assertThat(generic.pop3Endpoints()).extracting(e -> e.port()).containsExactly(995, 110);
        assertThat(generic.smtpEndpoints()).extracting(e -> e.port()).containsExactly(587, 465);
        assertThat(generic.imapEndpoints().get(0).host()).isEqualTo("mail.xn--bcher-kva.example");
    }
}
