package dev.mailbridge.internal.sending;

import dev.mailbridge.EmailAddress;
import java.util.List;

/**
 * A message encoded once, before connecting, so retries resend the same bytes and the size is known up front.
 *
 * @param messageId the Message-ID, without angle brackets
 * @param wire what goes to the SMTP server: every header but Bcc
 * @param sentCopy what goes to the Sent folder: the same, with the Bcc header, as mail clients keep it
 * @param recipients every envelope recipient (To, Cc, Bcc, the identity's Bcc), each once
 */
public record ComposedMessage(String messageId, byte[] wire, byte[] sentCopy, List<EmailAddress> recipients) {}
