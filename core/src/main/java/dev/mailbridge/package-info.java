/**
 * Mailbridge's mailbox model and shared client.
 *
 * <p>Start with {@link dev.mailbridge.MailboxClient} (made once, shared) and {@link dev.mailbridge.MailboxAccount} (one
 * per connected mailbox); {@link dev.mailbridge.MailboxClient#check(MailboxAccount)} tells whether both directions work
 * and, when they do not, why and what to change.
 */
@NullMarked
package dev.mailbridge;

import org.jspecify.annotations.NullMarked;
