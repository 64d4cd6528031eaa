package dev.mailbridge.internal.retrieval;

import dev.mailbridge.FolderRole;
import dev.mailbridge.IncomingServer;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.Phase;
import dev.mailbridge.Protocol;
import dev.mailbridge.Secret;
import dev.mailbridge.ServerResponseException;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.internal.diagnosis.Context;
import dev.mailbridge.internal.diagnosis.Secrets;
import dev.mailbridge.internal.jakarta.JakartaFailures;
import dev.mailbridge.internal.jakarta.JakartaSessions;
import dev.mailbridge.internal.jakarta.MailSession;
import dev.mailbridge.retrieval.Retrieval;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;

/**
 * One logged-in IMAP connection for one piece of work (a retrieval run, a scan, a fetch of chosen messages), closed at
 * its end, with every failure Jakarta reports turned into the library's diagnosed {@code MailbridgeException}: a
 * connection that dies under the work, whatever Jakarta throws for it, comes out as a retryable lost connection.
 */
final class ImapAccess {
    /** The work done on the connection. */
    interface Work<T> {
        T run(IMAPStore store, FolderNames names) throws MessagingException;
    }

    private ImapAccess() {}

    /** Connects to {@code server} as {@code account}, runs {@code work}, closes; {@code what} names the work in errors. */
    static <T> T run(
            JakartaSessions sessions, MailboxAccount account, IncomingServer server, String what, Work<T> work) {
        Context ctx = Context.of(account, Protocol.IMAP, server.endpoint(), server.username());
        MailSession mail = sessions.sessionFor(ctx, what);
        Secret secret = null;
        try {
            Session session = mail.session();
            try (IMAPStore store = (IMAPStore) session.getStore(JakartaSessions.providerName(
                    Protocol.IMAP, server.endpoint().security()))) {
                secret = Secrets.forConnection(account.credentials(), ctx, what);
                store.connect(server.username(), secret.reveal());
                return work.run(store, new FolderNames(store));
            }
        } catch (MessagingException e) {
            throw JakartaFailures.map(e, ctx, mail, Phase.MAILBOX_ACCESS, what, secret);
        } catch (IllegalStateException e) {
            if (!JakartaFailures.thrownByJakarta(e)) {
                throw e;
            }
            throw JakartaFailures.folderClosedUnderneath(e, ctx, mail, Phase.MAILBOX_ACCESS, what);
        }
    }

    /** Every folder asked for, or one error naming all that are missing and all that exist. */
    static List<IMAPFolder> resolve(FolderNames names, List<Retrieval.FolderSelector> selectors, MailboxAccount account)
            throws MessagingException {
        List<IMAPFolder> folders = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Retrieval.FolderSelector selector : selectors) {
            String name = selector.name();
            FolderRole role = selector.role();
            @Nullable
            IMAPFolder folder = name != null
                    ? names.existing(name)
                    : role == null ? null : names.byRole(role, account.profile().orElse(null));
            if (folder == null) {
                missing.add(selector.toString());
            } else {
                folders.add(folder);
            }
        }
        if (!missing.isEmpty()) {
            var endpoint = account.incoming().orElseThrow().endpoint();
            throw new ServerResponseException(
                    "folder " + String.join(", ", missing) + " does not exist on " + endpoint.host()
                            + "; existing folders: " + String.join(", ", names.allNames()),
                    endpoint,
                    Phase.MAILBOX_ACCESS,
                    ProblemCode.FOLDER_NOT_FOUND,
                    false,
                    null);
        }
        return folders;
    }
}
