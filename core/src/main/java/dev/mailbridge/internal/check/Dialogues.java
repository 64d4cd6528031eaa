package dev.mailbridge.internal.check;

import dev.mailbridge.Protocol;
import dev.mailbridge.internal.protocol.ImapDialogue;
import dev.mailbridge.internal.protocol.MailDialogue;
import dev.mailbridge.internal.protocol.Pop3Dialogue;
import dev.mailbridge.internal.protocol.SmtpDialogue;
import java.net.InetAddress;

/** A fresh dialogue per connection (IMAP tags are per connection). */
final class Dialogues {
    private Dialogues() {}

    static MailDialogue forProtocol(Protocol protocol, InetAddress localAddress) {
        return switch (protocol) {
            case IMAP -> new ImapDialogue();
            case POP3 -> new Pop3Dialogue();
            case SMTP -> SmtpDialogue.fromLocalAddress(localAddress);
        };
    }
}
