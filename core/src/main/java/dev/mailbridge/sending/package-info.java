/**
 * Sending as a mailbox: an {@link dev.mailbridge.sending.Identity} says who a message is from (the mailbox or one of
 * its declared aliases, a display name with placeholders, reply-to); an {@link dev.mailbridge.sending.OutgoingEmail}
 * says what to send, built fresh or as a threaded reply to a retrieved message; {@link
 * dev.mailbridge.MailboxClient#send} delivers a batch over one SMTP connection and reports, per message, which
 * recipients the server accepted or refused and where the copy in Sent went. {@link
 * dev.mailbridge.MailboxClient#autoReply} answers a new message at most once per sender and period, and never answers
 * automatic mail (RFC 3834).
 */
@NullMarked
package dev.mailbridge.sending;

import org.jspecify.annotations.NullMarked;
