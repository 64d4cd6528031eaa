package dev.mailbridge;

/**
 * How a connection to a mail server is protected.
 *
 * <p>Mailbridge never downgrades: a connection configured for TLS either gets TLS, with the server's certificate and
 * host name checked, or fails with a diagnosis.
 */
public enum Security {
    /**
     * TLS from the first byte (IMAP 993, POP3 995, SMTP submission 465). RFC 8314 recommends this mode; it is the
     * default wherever a server offers it.
     */
    IMPLICIT_TLS,
    /**
     * A plaintext greeting, then the {@code STARTTLS} (IMAP, SMTP) or {@code STLS} (POP3) command upgrades the
     * connection before anything secret is sent (IMAP 143, POP3 110, SMTP 587). Required, never opportunistic: if the
     * server does not offer the upgrade, the connection fails instead of continuing in clear text.
     */
    STARTTLS,
    /**
     * No encryption at all. Only allowed when the account opts in with {@link
     * MailboxAccount.Builder#allowUnencryptedConnections()}, and a password or token is only sent over it after the
     * second opt-in {@link MailboxAccount.Builder#allowCredentialsOverUnencryptedConnections()}.
     */
    NONE;

    /** Whether the conversation is encrypted before any credential is sent. */
    public boolean isEncrypted() {
        return this != NONE;
    }
}
