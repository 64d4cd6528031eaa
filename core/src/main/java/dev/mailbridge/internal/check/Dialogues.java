package dev.mailbridge.internal.check;

import dev.mailbridge.Protocol;
import dev.mailbridge.internal.protocol.ImapDialogue;
import dev.mailbridge.internal.protocol.MailDialogue;
import dev.mailbridge.internal.protocol.Pop3Dialogue;
import dev.mailbridge.internal.protocol.SmtpDialogue;
import java.net.Inet6Address;
import java.net.InetAddress;

/** A fresh dialogue per connection (IMAP tags are per connection). */
final class Dialogues {
    private Dialogues() {}

    static MailDialogue forProtocol(Protocol protocol, InetAddress localAddress) {
        return switch (protocol) {
            case IMAP -> new ImapDialogue();
            case POP3 -> new Pop3Dialogue();
            case SMTP -> new SmtpDialogue(addressLiteral(localAddress));
        };
    }

    /** RFC 5321 address literal of our side of the connection, the honest EHLO name for a client without a domain. */
    private static String addressLiteral(InetAddress local) {
        return local instanceof Inet6Address
                ? "[IPv6:" + local.getHostAddress() + "]"
                : "[" + local.getHostAddress() + "]";
    }
}
