package dev.mailbridge.testing;

/** Scripted servers that behave like a plain IMAP or SMTP server until a test overrides a reply. */
public final class Scripts {
    private Scripts() {}

    /** An IMAP server over implicit TLS that accepts any login and has an INBOX. */
    public static ScriptedServer.Builder imap() {
        return ScriptedServer.newBuilder()
                .implicitTls()
                .greeting("* OK [CAPABILITY IMAP4rev1] scripted IMAP ready")
                .on("\\S+ CAPABILITY", "* CAPABILITY IMAP4rev1 AUTH=PLAIN", "{tag} OK CAPABILITY completed")
                .on("\\S+ LOGIN .*", "{tag} OK LOGIN completed")
                .on("\\S+ EXAMINE .*", "* 3 EXISTS", "{tag} OK [READ-ONLY] EXAMINE completed")
                .on("\\S+ LIST .*", "* LIST () \"/\" INBOX", "{tag} OK LIST completed")
                .onClose("\\S+ LOGOUT", "* BYE logging out", "{tag} OK LOGOUT completed");
    }

    /** An SMTP submission server over implicit TLS that accepts any login and sender. */
    public static ScriptedServer.Builder smtp() {
        return ScriptedServer.newBuilder()
                .implicitTls()
                .greeting("220 scripted.example ESMTP ready")
                .otherwise("500 5.5.1 unrecognized command")
                .on("EHLO .*", "250-scripted.example", "250-AUTH PLAIN LOGIN", "250 8BITMIME")
                .on("AUTH PLAIN .*", "235 2.7.0 Authentication successful")
                .on("MAIL FROM:.*", "250 2.1.0 Ok")
                .on("RCPT TO:.*", "250 2.1.5 Ok")
                .on("DATA", "354 End data with <CR><LF>.<CR><LF>")
                .on("\\.", "250 2.0.0 Ok: queued as SCRIPTED")
                .on("RSET", "250 2.0.0 Ok")
                .onClose("QUIT", "221 2.0.0 Bye");
    }

    /** Like {@link #smtp()} on a plaintext port that requires STARTTLS before AUTH, as port 587 does. */
    public static ScriptedServer.Builder smtpStartTls() {
        return smtp().plaintext()
                .on("EHLO .*", "250-scripted.example", "250-STARTTLS", "250-AUTH PLAIN LOGIN", "250 8BITMIME")
                .onStartTls("STARTTLS", "220 2.0.0 Ready to start TLS");
    }
}
