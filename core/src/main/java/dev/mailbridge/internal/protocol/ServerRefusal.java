package dev.mailbridge.internal.protocol;

/**
 * The server answered, but not with success: an IMAP {@code NO}/{@code BAD}/{@code BYE}, a POP3 {@code -ERR}, an SMTP
 * 4xx/5xx. Carries the server's words (never a command we sent, so never a secret) for classification.
 */
public final class ServerRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reply;

    public ServerRefusal(String reply) {
        super(reply);
        this.reply = reply;
    }

    /** The server's reply lines, joined with a space. */
    public String reply() {
        return reply;
    }
}
