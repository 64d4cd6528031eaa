package dev.mailbridge;

/** How a provider expects the login name to be written, derived from the mailbox address. */
public enum UsernameForm {
    /** The whole address, {@code dana@acme.com} (Gmail, Microsoft, cPanel hosts and most others). */
    EMAIL_ADDRESS,
    /** Only the part before the {@code @}, {@code dana} (iCloud IMAP, some older hosts). */
    LOCAL_PART;

    /** The username for {@code address} in this form. */
    public String usernameFor(EmailAddress address) {
        return this == EMAIL_ADDRESS ? address.toString() : address.localPart();
    }
}
