package dev.mailbridge;

/** A step of a mail connection, in the order they happen. Failures and check results name the phase they belong to. */
public enum Phase {
    /** Resolving the server's host name. */
    DNS,
    /** Opening the TCP connection. */
    TCP_CONNECT,
    /** The TLS handshake of an implicit-TLS connection, including certificate and host name checks. */
    TLS_HANDSHAKE,
    /** Reading the server's greeting. */
    GREETING,
    /** Asking what the server supports (IMAP {@code CAPABILITY}, POP3 {@code CAPA}, SMTP {@code EHLO}). */
    CAPABILITIES,
    /** Upgrading a plaintext connection with STARTTLS/STLS, including certificate and host name checks. */
    STARTTLS,
    /** Logging in. */
    AUTHENTICATION,
    /** Opening the folder to read (IMAP) or the maildrop (POP3). */
    MAILBOX_ACCESS,
    /** Proposing the mailbox as sender ({@code MAIL FROM}) without sending anything. */
    SMTP_ENVELOPE,
    /** Sending a message or confirming its arrival. */
    ROUND_TRIP
}
