package dev.mailbridge.internal.retrieval;

import dev.mailbridge.IncomingServer;
import dev.mailbridge.MailboxAccount;

/** How an account is named in the checkpoint store: the same mailbox on the same server is the same account. */
final class CursorKeys {
    private CursorKeys() {}

    static String account(MailboxAccount account, IncomingServer server) {
        return account.address().toAsciiString() + "|" + server.protocol() + "|"
                + server.endpoint().asciiHost() + "|" + server.username();
    }
}
