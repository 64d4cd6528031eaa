package dev.mailbridge.providers;

import dev.mailbridge.FolderRole;
import dev.mailbridge.ProviderProfile;
import dev.mailbridge.Security;
import java.net.URI;
import java.util.Objects;

/**
 * HostGator shared hosting (cPanel). Two documented options:
 *
 * <ol>
 *   <li>{@link #secure(String)}: the server's own name (from the welcome email or cPanel's Email Accounts page, such as
 *       {@code gator1234.hostgator.com}) with IMAP 993, POP3 995 and SMTP 465, all over TLS with a valid certificate.
 *       Use this.
 *   <li>{@link #unencrypted(String)}: {@code mail.<your domain>} with IMAP 143, POP3 110 and SMTP 26 without TLS. The
 *       certificate on the server does not cover {@code mail.<your domain>}, so TLS there fails with a name mismatch;
 *       an account using this option must call both insecure opt-ins.
 * </ol>
 */
public final class HostGator {
    private static final URI DOCUMENTATION =
            URI.create("https://www.hostgator.com/help/article/email-connection-settings");

    private HostGator() {}

    private static ProviderProfile.Builder base(String id) {
        return ProviderProfile.newBuilder(id, "HostGator")
                .folder(FolderRole.SENT, "INBOX.Sent")
                .folder(FolderRole.TRASH, "INBOX.Trash")
                .folder(FolderRole.DRAFTS, "INBOX.Drafts")
                .folder(FolderRole.JUNK, "INBOX.spam")
                .folder(FolderRole.ARCHIVE, "INBOX.Archive")
                .maxConnections(20)
                .documentation(DOCUMENTATION);
    }

    /**
     * Option 1, secure: the hosting server's own name, TLS everywhere.
     *
     * @param serverName the server name from the welcome email or cPanel, such as {@code gator1234.hostgator.com}
     * @throws IllegalArgumentException if the name is blank or is {@code mail.<domain>}, whose certificate never
     *     matches
     */
    public static ProviderProfile secure(String serverName) {
        Objects.requireNonNull(serverName, "serverName");
        String name = serverName.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("serverName is blank: use the server name from your HostGator welcome"
                    + " email or cPanel's Email Accounts page, such as gator1234.hostgator.com");
        }
        if (name.startsWith("mail.")) {
            throw new IllegalArgumentException("serverName '" + name + "' is your domain's mail name, whose certificate"
                    + " does not match: use the server name from your HostGator welcome email, such as"
                    + " gator1234.hostgator.com");
        }
        return base("hostgator")
                .imap(name, 993, Security.IMPLICIT_TLS)
                .pop3(name, 995, Security.IMPLICIT_TLS)
                .smtp(name, 465, Security.IMPLICIT_TLS)
                .build();
    }

    /** Option 2, unencrypted: {@code mail.<domain>} on 143/110/26 (25 as alternate). Needs both insecure opt-ins. */
    public static ProviderProfile unencrypted(String domain) {
        String host =
                "mail." + dev.mailbridge.EmailAddress.of("postmaster@" + domain).asciiDomain();
        return base("hostgator-unencrypted")
                .imap(host, 143, Security.NONE)
                .pop3(host, 110, Security.NONE)
                .smtp(host, 26, Security.NONE)
                .smtp(host, 25, Security.NONE)
                .build();
    }
}
