package dev.mailbridge.check;

/**
 * Stable classification of what went wrong, for applications to branch on and for support to search for. The set may
 * grow in later releases: handle unknown values with a default branch.
 */
public enum ProblemCode {
    /** The host name does not resolve: a typo, or the domain has no such server. */
    UNKNOWN_HOST(Category.CONNECTION, false),
    /** Nothing listens on that port, or a firewall rejects it. */
    CONNECTION_REFUSED(Category.CONNECTION, true),
    /** No route to the host. */
    HOST_UNREACHABLE(Category.CONNECTION, true),
    /** Connecting or waiting for an answer took longer than the client's timeout. */
    TIMEOUT(Category.CONNECTION, true),
    /** The connection broke in the middle of the conversation. */
    CONNECTION_LOST(Category.CONNECTION, true),
    /** The server refused the session at the greeting (busy, blocked, maintenance). */
    SERVER_UNAVAILABLE(Category.CONNECTION, true),
    /** The mailbox already has as many connections as the server allows; not a password problem. */
    TOO_MANY_CONNECTIONS(Category.CONNECTION, true),

    /** Implicit TLS was spoken to a port that expects plaintext (or STARTTLS) first. */
    IMPLICIT_TLS_ON_PLAINTEXT_PORT(Category.TLS, false),
    /** Plaintext (or STARTTLS) was spoken to a port that expects TLS from the first byte. */
    PLAINTEXT_ON_IMPLICIT_TLS_PORT(Category.TLS, false),
    /** STARTTLS was required but the server does not offer it on this port. */
    STARTTLS_NOT_OFFERED(Category.TLS, false),
    /** The server's certificate does not chain to a trusted authority (self-signed, private CA, expired). */
    CERTIFICATE_UNTRUSTED(Category.TLS, false),
    /** The certificate is trusted but issued for other names than the host connected to. */
    CERTIFICATE_NAME_MISMATCH(Category.TLS, false),
    /** TLS failed for another reason (no common protocol version or cipher). */
    TLS_HANDSHAKE_FAILED(Category.TLS, false),

    /** Username or password rejected. */
    AUTHENTICATION_REJECTED(Category.AUTHENTICATION, false),
    /** The provider refuses the normal password for mail clients and wants an app password. */
    APP_PASSWORD_REQUIRED(Category.AUTHENTICATION, false),
    /** Password login is switched off for the organisation (Microsoft 365 tenants); OAuth2 is needed. */
    BASIC_AUTH_DISABLED(Category.AUTHENTICATION, false),
    /** The server offers no login method Mailbridge may use here (for example plaintext login refused before TLS). */
    AUTH_METHOD_UNAVAILABLE(Category.AUTHENTICATION, false),
    /** The OAuth2 access-token source failed or returned nothing. */
    TOKEN_UNAVAILABLE(Category.AUTHENTICATION, true),

    /** IMAP or POP access is switched off for this mailbox (a setting the user or admin must change). */
    MAIL_PROTOCOL_DISABLED(Category.SERVER_RESPONSE, false),
    /** The folder does not exist or may not be opened. */
    FOLDER_NOT_FOUND(Category.SERVER_RESPONSE, false),
    /** The SMTP server will not accept the mailbox address as sender. */
    SENDER_REJECTED(Category.SERVER_RESPONSE, false),
    /** The test message was sent but did not arrive before the deadline. */
    MESSAGE_NOT_DELIVERED(Category.SERVER_RESPONSE, true),
    /** The SMTP server refused one or more recipients (no such mailbox, relaying denied, mailbox full). */
    RECIPIENT_REJECTED(Category.SERVER_RESPONSE, false),
    /** The SMTP server refused the message itself (content policy, spam filter, From not allowed). */
    MESSAGE_REJECTED(Category.SERVER_RESPONSE, false),
    /** A temporary refusal (a 4xx reply) lasted through every retry; sending later may work. */
    TEMPORARY_FAILURE(Category.SERVER_RESPONSE, true),
    /** The provider's sending limit for this mailbox is reached; sending later works. */
    SENDING_LIMIT_REACHED(Category.SERVER_RESPONSE, true),
    /** The message is larger than the send options or the server allow. */
    MESSAGE_TOO_LARGE(Category.MESSAGE, false),
    /** The message cannot be composed: an attachment cannot be read, or a display-name placeholder has no value. */
    MESSAGE_INVALID(Category.MESSAGE, false),
    /**
     * The connection broke after the whole message was handed over and before the server confirmed it: it may have
     * been delivered, so it is not sent again.
     */
    DELIVERY_UNCERTAIN(Category.CONNECTION, false),
    /** The server answered something the protocol does not allow here. */
    PROTOCOL_ERROR(Category.SERVER_RESPONSE, false);

    /** What kind of fix a problem needs; each maps to one exception type. */
    public enum Category {
        /** Network or server availability: {@link dev.mailbridge.ConnectionException}. */
        CONNECTION,
        /** Security mode or certificates: {@link dev.mailbridge.TlsException}. */
        TLS,
        /** Credentials: {@link dev.mailbridge.AuthenticationException}. */
        AUTHENTICATION,
        /** A refusal by a working server: {@link dev.mailbridge.ServerResponseException}. */
        SERVER_RESPONSE,
        /** The message to send needs changing; only ever reported in a sending result, never thrown. */
        MESSAGE
    }

    private final Category category;
    private final boolean retryable;

    ProblemCode(Category category, boolean retryable) {
        this.category = category;
        this.retryable = retryable;
    }

    /** What kind of fix this problem needs. */
    public Category category() {
        return category;
    }

    /** Whether trying again later, unchanged, may succeed. */
    public boolean isRetryable() {
        return retryable;
    }
}
