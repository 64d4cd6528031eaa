package dev.mailbridge.internal.retrieval;

import dev.mailbridge.IncomingServer;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.Phase;
import dev.mailbridge.Protocol;
import dev.mailbridge.Secret;
import dev.mailbridge.internal.diagnosis.Context;
import dev.mailbridge.internal.diagnosis.Secrets;
import dev.mailbridge.internal.jakarta.JakartaFailures;
import dev.mailbridge.internal.jakarta.JakartaSessions;
import dev.mailbridge.internal.jakarta.MailSession;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.CursorLog;
import dev.mailbridge.retrieval.FolderReport;
import dev.mailbridge.retrieval.MessageHandler;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievedMessage;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.eclipse.angus.mail.pop3.POP3Message;

/**
 * One retrieval run over POP3, which has one folder and no flags: handled messages are remembered by UIDL in the
 * cursor (one appended entry each), and with the delete policy they are marked for deletion and removed when the
 * session ends with QUIT. A crash or a dropped connection before QUIT leaves them on the server but remembered, so they
 * are not handed out again and are deleted on the next run. The cursor is written whole once per run at most, when
 * UIDLs of messages no longer on the server are forgotten.
 */
public final class Pop3Retrieval {
    private final JakartaSessions sessions;
    private final CheckpointStore checkpoints;
    private final Clock clock;

    public Pop3Retrieval(JakartaSessions sessions, CheckpointStore checkpoints, Clock clock) {
        this.sessions = sessions;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /** Refuses what POP3 cannot do, before connecting. */
    public static void validate(Retrieval retrieval) {
        for (Retrieval.FolderSelector folder : retrieval.folders()) {
            boolean inbox = (folder.name() != null && folder.name().equalsIgnoreCase("INBOX"))
                    || folder.role() == dev.mailbridge.FolderRole.INBOX;
            if (!inbox) {
                throw new IllegalArgumentException(
                        "folder " + folder + ": POP3 has only the inbox; use IMAP to read" + " other folders");
            }
        }
        AfterHandling.Kind kind = retrieval.afterHandling().kind();
        if (kind == AfterHandling.Kind.ARCHIVE || kind == AfterHandling.Kind.MARK_SEEN) {
            throw new IllegalArgumentException("afterHandling " + retrieval.afterHandling() + ": POP3 has no folders or"
                    + " flags; use AfterHandling.leave() or delete(), or IMAP");
        }
    }

    public FolderReport run(
            MailboxAccount account, IncomingServer server, Retrieval retrieval, MessageHandler handler) {
        validate(retrieval);
        boolean delete = retrieval.afterHandling().kind() == AfterHandling.Kind.DELETE;
        String accountKey = CursorKeys.account(account, server);
        ReportTally tally = new ReportTally("INBOX");
        Context ctx = Context.of(account, Protocol.POP3, server.endpoint(), server.username());
        MailSession mail = sessions.sessionFor(ctx, "POP3 retrieval");
        Secret secret = null;
        try (Store store = mail.session()
                .getStore(JakartaSessions.providerName(
                        Protocol.POP3, server.endpoint().security()))) {
            secret = Secrets.forConnection(account.credentials(), ctx, "POP3 retrieval");
            store.connect(server.username(), secret.reveal());
            POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
            inbox.open(delete ? Folder.READ_WRITE : Folder.READ_ONLY);
            boolean completed = false;
            try {
                Message[] messages = inbox.getMessages();
                FetchProfile uidls = new FetchProfile();
                uidls.add(UIDFolder.FetchProfileItem.UID);
                inbox.fetch(messages, uidls); // one UIDL command for the whole maildrop
                CursorLog log = checkpoints.load(accountKey, "INBOX").orElse(null);
                Pop3Cursor cursor = log == null ? new Pop3Cursor() : Pop3Cursor.read(log);
                CursorJournal journal = new CursorJournal(
                        checkpoints,
                        accountKey,
                        "INBOX",
                        log == null ? 0 : log.entries().size(),
                        cursor::snapshot,
                        cursor::weight);
                if (log == null) {
                    journal.rewrite();
                }
                Set<String> onServer = new HashSet<>();
                List<Message> fresh = new ArrayList<>();
                int earlierDeletions = 0;
                for (Message message : messages) {
                    String uidl = inbox.getUID(message);
                    onServer.add(uidl);
                    if (cursor.handled(uidl)) {
                        if (delete) {
                            message.setFlag(Flags.Flag.DELETED, true); // handled before a crash, not yet deleted
                            earlierDeletions++;
                        }
                    } else {
                        fresh.add(message);
                    }
                }
                if (earlierDeletions > 0) {
                    tally.note("deleting " + earlierDeletions + " messages an earlier run had handled");
                }
                if (cursor.handledUidls().size() > onServer.size() || !onServer.containsAll(cursor.handledUidls())) {
                    cursor.retainOnly(onServer); // gone from the server: forgotten, in one rewrite
                    journal.rewrite();
                }
                tally.seen(fresh.size());
                Instant since =
                        retrieval.backfill().map(w -> clock.instant().minus(w)).orElse(null);
                MessageParser parser = new MessageParser(retrieval.attachmentSizeLimit(), retrieval.textSizeLimit());
                int offered = 0;
                for (Message message : fresh) {
                    if (offered >= retrieval.maxPerFolder()) {
                        break;
                    }
                    String uidl = inbox.getUID(message);
                    if (since != null
                            && message.getSentDate() != null
                            && message.getSentDate().toInstant().isBefore(since)) {
                        continue; // outside the backfill window
                    }
                    offered++;
                    byte[] raw = raw(message);
                    RetrievedMessage parsed;
                    try {
                        parsed = parser.parse(RetrievedMessage.newBuilder("INBOX", uidl, raw), raw);
                    } catch (MessageParser.Unparseable e) {
                        tally.malformed(uidl, String.valueOf(e.getMessage()));
                        journal.record(cursor.handle(uidl));
                        continue;
                    }
                    try {
                        handler.handle(parsed);
                    } catch (Exception e) {
                        tally.failed(uidl, e.getClass().getSimpleName() + ": " + e.getMessage());
                        continue;
                    }
                    tally.handled();
                    journal.record(cursor.handle(uidl)); // before DELE takes effect at QUIT: a crash cannot repeat it
                    if (delete) {
                        message.setFlag(Flags.Flag.DELETED, true);
                        tally.deleted(1);
                    }
                    if (message instanceof POP3Message pop) {
                        pop.invalidate(true); // drop the cached content: memory stays bounded by one message
                    }
                }
                journal.sync(); // before QUIT makes the deletions real
                completed = true;
            } finally {
                FolderClosing.close(inbox, delete, completed);
            }
            return tally.build();
        } catch (MessagingException e) {
            throw JakartaFailures.map(e, ctx, mail, Phase.MAILBOX_ACCESS, "POP3 retrieval", secret);
        } catch (IllegalStateException e) {
            if (!JakartaFailures.thrownByJakarta(e)) {
                throw e;
            }
            throw JakartaFailures.folderClosedUnderneath(e, ctx, mail, Phase.MAILBOX_ACCESS, "POP3 retrieval");
        } catch (IOException e) {
            throw JakartaFailures.map(e, ctx, mail, Phase.MAILBOX_ACCESS, "POP3 retrieval");
        }
    }

    private static byte[] raw(Message message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
        message.writeTo(out);
        return out.toByteArray();
    }
}
