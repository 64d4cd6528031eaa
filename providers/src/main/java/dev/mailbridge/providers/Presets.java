package dev.mailbridge.providers;

import static dev.mailbridge.Security.IMPLICIT_TLS;
import static dev.mailbridge.Security.STARTTLS;

import dev.mailbridge.AppPasswordPolicy;
import dev.mailbridge.Credentials;
import dev.mailbridge.FolderRole;
import dev.mailbridge.OAuth2Settings;
import dev.mailbridge.ProviderProfile;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The built-in provider profiles. Each is data gathered from the provider's own documentation (linked from {@link
 * ProviderProfile#documentation()}); limits are the published defaults and may be lower for a given account.
 */
public final class Presets {
    private Presets() {}

    private static final OAuth2Settings GOOGLE_OAUTH2 = new OAuth2Settings(
            URI.create("https://accounts.google.com/o/oauth2/v2/auth"),
            URI.create("https://oauth2.googleapis.com/token"),
            List.of("https://mail.google.com/"));

    private static final List<String> MICROSOFT_SCOPES = List.of(
            "https://outlook.office.com/IMAP.AccessAsUser.All",
            "https://outlook.office.com/POP.AccessAsUser.All",
            "https://outlook.office.com/SMTP.Send",
            "offline_access");

    private static ProviderProfile.Builder google(String id, String name) {
        return ProviderProfile.newBuilder(id, name)
                .imap("imap.gmail.com", 993, IMPLICIT_TLS)
                .pop3("pop.gmail.com", 995, IMPLICIT_TLS)
                .smtp("smtp.gmail.com", 465, IMPLICIT_TLS)
                .smtp("smtp.gmail.com", 587, STARTTLS)
                .appPasswords(
                        AppPasswordPolicy.WHEN_TWO_STEP_VERIFICATION_IS_ON,
                        URI.create("https://myaccount.google.com/apppasswords"))
                .enableMailProtocolsPage(URI.create("https://mail.google.com/mail/u/0/#settings/fwdandpop"))
                .oauth2(GOOGLE_OAUTH2)
                .folder(FolderRole.SENT, "[Gmail]/Sent Mail")
                .folder(FolderRole.TRASH, "[Gmail]/Trash")
                .folder(FolderRole.DRAFTS, "[Gmail]/Drafts")
                .folder(FolderRole.JUNK, "[Gmail]/Spam")
                .folder(FolderRole.ALL, "[Gmail]/All Mail")
                .folder(FolderRole.ARCHIVE, "[Gmail]/All Mail")
                .deleteOnlyRemovesLabel(true)
                .smtpKeepsSentCopy(true)
                .fromMustMatchLogin(true)
                .maxConnections(15)
                .documentation(URI.create("https://support.google.com/mail/answer/7126229"));
    }

    /** Gmail (consumer accounts). Deleting only removes a label; SMTP keeps the Sent copy. */
    public static final ProviderProfile GMAIL = google("gmail", "Gmail")
            .domains("gmail.com", "googlemail.com")
            .sendingLimits(500, 500)
            .build();

    /** Google Workspace on a custom domain, recognised by its MX hosts. */
    public static final ProviderProfile GOOGLE_WORKSPACE = google("google-workspace", "Google Workspace")
            .mxHostSuffixes(".google.com", ".googlemail.com")
            .sendingLimits(2000, 2000)
            .build();

    private static ProviderProfile.Builder microsoft(String id, String name, String authority) {
        return ProviderProfile.newBuilder(id, name)
                .imap("outlook.office365.com", 993, IMPLICIT_TLS)
                .pop3("outlook.office365.com", 995, IMPLICIT_TLS)
                // Microsoft retired password login for its mail protocols: only OAuth2 tokens are accepted.
                .acceptedCredentials(Credentials.Kind.OAUTH2)
                .oauth2(new OAuth2Settings(
                        URI.create("https://login.microsoftonline.com/" + authority + "/oauth2/v2.0/authorize"),
                        URI.create("https://login.microsoftonline.com/" + authority + "/oauth2/v2.0/token"),
                        MICROSOFT_SCOPES))
                .folder(FolderRole.SENT, "Sent Items")
                .folder(FolderRole.TRASH, "Deleted Items")
                .folder(FolderRole.JUNK, "Junk Email")
                .folder(FolderRole.DRAFTS, "Drafts")
                .folder(FolderRole.ARCHIVE, "Archive")
                .smtpKeepsSentCopy(true)
                .fromMustMatchLogin(true)
                .maxConnections(20);
    }

    /** Microsoft 365 / Exchange Online on a custom domain, recognised by its MX hosts. OAuth2 only. */
    public static final ProviderProfile MICROSOFT_365 = microsoft("microsoft-365", "Microsoft 365", "organizations")
            .smtp("smtp.office365.com", 587, STARTTLS)
            .mxHostSuffixes(".mail.protection.outlook.com")
            .sendingLimits(10000, 500)
            .documentation(
                    URI.create("https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/"
                            + "authenticated-client-smtp-submission"))
            .build();

    /** Outlook.com, Hotmail and Live personal accounts. OAuth2 only. */
    public static final ProviderProfile OUTLOOK_COM = microsoft("outlook-com", "Outlook.com", "consumers")
            .domains("outlook.com", "hotmail.com", "live.com", "msn.com")
            .smtp("smtp-mail.outlook.com", 587, STARTTLS)
            .sendingLimits(300, 100)
            .documentation(URI.create("https://support.microsoft.com/en-us/office/"
                    + "pop-imap-and-smtp-settings-for-outlook-com-d088b986-291d-42b8-9564-9c414e2aa040"))
            .build();

    /** Yahoo Mail: third-party mail apps need an app password. */
    public static final ProviderProfile YAHOO = ProviderProfile.newBuilder("yahoo", "Yahoo Mail")
            .domains("yahoo.com", "ymail.com", "rocketmail.com")
            .imap("imap.mail.yahoo.com", 993, IMPLICIT_TLS)
            .pop3("pop.mail.yahoo.com", 995, IMPLICIT_TLS)
            .smtp("smtp.mail.yahoo.com", 465, IMPLICIT_TLS)
            .smtp("smtp.mail.yahoo.com", 587, STARTTLS)
            .appPasswords(AppPasswordPolicy.ALWAYS, URI.create("https://login.yahoo.com/account/security"))
            .folder(FolderRole.SENT, "Sent")
            .folder(FolderRole.TRASH, "Trash")
            .folder(FolderRole.JUNK, "Bulk")
            .folder(FolderRole.ARCHIVE, "Archive")
            .documentation(URI.create("https://help.yahoo.com/kb/SLN4075.html"))
            .build();

    /** iCloud Mail: app-specific passwords always; no POP3. */
    public static final ProviderProfile ICLOUD = ProviderProfile.newBuilder("icloud", "iCloud Mail")
            .domains("icloud.com", "me.com", "mac.com")
            .imap("imap.mail.me.com", 993, IMPLICIT_TLS)
            .smtp("smtp.mail.me.com", 587, STARTTLS)
            .appPasswords(AppPasswordPolicy.ALWAYS, URI.create("https://account.apple.com/account/manage"))
            .folder(FolderRole.SENT, "Sent Messages")
            .folder(FolderRole.TRASH, "Deleted Messages")
            .folder(FolderRole.JUNK, "Junk")
            .folder(FolderRole.ARCHIVE, "Archive")
            .documentation(URI.create("https://support.apple.com/en-us/102525"))
            .build();

    /** Zoho Mail in its US data centre (zoho.com): IMAP must be enabled in its settings first. */
    public static final ProviderProfile ZOHO = zoho("zoho", "Zoho Mail", "zoho.com", "zohomail.com");

    /** Zoho Mail in its EU data centre: accounts whose mail is at {@code mx.zoho.eu} use the zoho.eu servers. */
    public static final ProviderProfile ZOHO_EU = zoho("zoho-eu", "Zoho Mail (EU)", "zoho.eu", "zohomail.eu");

    /** Zoho Mail in its India data centre ({@code mx.zoho.in}). */
    public static final ProviderProfile ZOHO_IN = zoho("zoho-in", "Zoho Mail (India)", "zoho.in", "zohomail.in");

    /** Zoho Mail in its Australia data centre ({@code mx.zoho.com.au}). */
    public static final ProviderProfile ZOHO_AU =
            zoho("zoho-au", "Zoho Mail (Australia)", "zoho.com.au", "zohomail.com.au");

    /** Zoho Mail in its Japan data centre ({@code mx.zoho.jp}). */
    public static final ProviderProfile ZOHO_JP = zoho("zoho-jp", "Zoho Mail (Japan)", "zoho.jp", "zohomail.jp");

    /** Zoho Mail in its Canada data centre ({@code mx.zohocloud.ca}). */
    public static final ProviderProfile ZOHO_CA = zoho("zoho-ca", "Zoho Mail (Canada)", "zohocloud.ca", null);

    /** Zoho Mail in its Saudi Arabia data centre ({@code mx.zoho.sa}). */
    public static final ProviderProfile ZOHO_SA = zoho("zoho-sa", "Zoho Mail (Saudi Arabia)", "zoho.sa", null);

    /** Zoho Mail in China ({@code mx.zoho.com.cn}), run apart from the other regions. */
    public static final ProviderProfile ZOHO_CN = zoho("zoho-cn", "Zoho Mail (China)", "zoho.com.cn", null);

    /**
     * Zoho Mail in one data centre. Each region has its own servers ({@code imap.zoho.eu}...), accounts and settings
     * pages; an account is served only by its region's, so a custom domain whose MX is {@code mx.zoho.eu} must get the
     * zoho.eu servers, not the .com ones.
     *
     * @param region the region's domain ({@code zoho.eu}), which names its servers and MX hosts
     * @param mailDomain the region's own mailbox domain ({@code zohomail.eu}), if it has one
     */
    private static ProviderProfile zoho(String id, String name, String region, @Nullable String mailDomain) {
        ProviderProfile.Builder b = ProviderProfile.newBuilder(id, name);
        if (mailDomain != null) {
            b.domains(region, mailDomain);
        } else {
            b.domains(region);
        }
        return b.mxHostSuffixes("." + region)
                .imap("imap." + region, 993, IMPLICIT_TLS)
                .pop3("pop." + region, 995, IMPLICIT_TLS)
                .smtp("smtp." + region, 465, IMPLICIT_TLS)
                .smtp("smtp." + region, 587, STARTTLS)
                .appPasswords(
                        AppPasswordPolicy.WHEN_TWO_STEP_VERIFICATION_IS_ON,
                        URI.create("https://accounts." + region + "/home#security/app_password"))
                .enableMailProtocolsPage(URI.create("https://mail." + region + "/zm/#settings/all/mailaccounts"))
                .documentation(URI.create("https://www.zoho.com/mail/help/imap-access.html"))
                .build();
    }

    /** Fastmail: mail apps use app passwords. */
    public static final ProviderProfile FASTMAIL = ProviderProfile.newBuilder("fastmail", "Fastmail")
            .domains("fastmail.com", "fastmail.fm")
            .mxHostSuffixes(".messagingengine.com")
            .imap("imap.fastmail.com", 993, IMPLICIT_TLS)
            .pop3("pop.fastmail.com", 995, IMPLICIT_TLS)
            .smtp("smtp.fastmail.com", 465, IMPLICIT_TLS)
            .smtp("smtp.fastmail.com", 587, STARTTLS)
            .appPasswords(AppPasswordPolicy.ALWAYS, URI.create("https://app.fastmail.com/settings/security/apps"))
            .documentation(URI.create("https://www.fastmail.help/hc/en-us/articles/1500000278342"))
            .build();

    /** AOL Mail: app passwords always. */
    public static final ProviderProfile AOL = ProviderProfile.newBuilder("aol", "AOL Mail")
            .domains("aol.com")
            .imap("imap.aol.com", 993, IMPLICIT_TLS)
            .pop3("pop.aol.com", 995, IMPLICIT_TLS)
            .smtp("smtp.aol.com", 465, IMPLICIT_TLS)
            .appPasswords(AppPasswordPolicy.ALWAYS, URI.create("https://login.aol.com/account/security"))
            .build();

    /** The profiles {@link ProviderCatalog#builtIn()} holds, most specific first. */
    static List<ProviderProfile> all() {
        return List.of(
                GMAIL,
                GOOGLE_WORKSPACE,
                MICROSOFT_365,
                OUTLOOK_COM,
                YAHOO,
                ICLOUD,
                ZOHO,
                ZOHO_EU,
                ZOHO_IN,
                ZOHO_AU,
                ZOHO_JP,
                ZOHO_CA,
                ZOHO_SA,
                ZOHO_CN,
                FASTMAIL,
                AOL);
    }

    /**
     * A generic profile for a domain with no known provider: {@code mail.<domain>}, IMAP 993 (implicit TLS) then 143
     * (STARTTLS), POP3 995 then 110, SMTP 587 (STARTTLS) then 465 (implicit TLS). A starting point for the connection
     * check, which names the alternative that answers when the first guess does not.
     */
    public static ProviderProfile generic(String domain) {
        String host =
                "mail." + dev.mailbridge.EmailAddress.of("postmaster@" + domain).asciiDomain();
        return ProviderProfile.newBuilder("generic", "your mail provider")
                .imap(host, 993, IMPLICIT_TLS)
                .imap(host, 143, STARTTLS)
                .pop3(host, 995, IMPLICIT_TLS)
                .pop3(host, 110, STARTTLS)
                .smtp(host, 587, STARTTLS)
                .smtp(host, 465, IMPLICIT_TLS)
                .build();
    }
}
