/**
 * Mailbridge core: the mailbox model, the shared {@link dev.mailbridge.MailboxClient}, the connection check and the
 * small SPIs ({@link dev.mailbridge.Dns}, {@link dev.mailbridge.AccessTokenSource}, {@link
 * dev.mailbridge.EventListener}) that other modules implement.
 */
module dev.mailbridge.core {
    requires jakarta.mail;
    requires org.eclipse.angus.mail;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports dev.mailbridge;
    exports dev.mailbridge.check;
    exports dev.mailbridge.retrieval;
    exports dev.mailbridge.sending;
    // Only to Mailbridge's own modules: discovery connects through the client's Dns, TLS trust and timeouts.
    exports dev.mailbridge.internal.net to
            dev.mailbridge.autoconfig;
}
