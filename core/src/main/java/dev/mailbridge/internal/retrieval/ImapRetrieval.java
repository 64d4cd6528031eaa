package dev.mailbridge.internal.retrieval;

import dev.mailbridge.EventListener;
import dev.mailbridge.FolderRole;
import dev.mailbridge.IncomingServer;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.Phase;
import dev.mailbridge.ServerResponseException;
import dev.mailbridge.check.ProblemCode;
import dev.mailbridge.internal.jakarta.JakartaSessions;
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.CursorLog;
import dev.mailbridge.retrieval.FolderReport;
import dev.mailbridge.retrieval.MessageHandler;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievedMessage;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.angus.mail.iap.BadCommandException;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.jspecify.annotations.Nullable;

/**
 * One retrieval run over IMAP. Per folder: load the cursor, first complete the after-handling policies an earlier run
 * left pending, find the UIDs after the cursor with one {@code UID SEARCH}, fetch them in batches with one {@code UID
 * FETCH} each, and for every message: parse, hand to the handler, record it in the cursor ("handled, policy pending").
 * After each batch the cursor is synced and the policy applied to the whole batch with one command ({@code UID MOVE},
 * {@code UID STORE}, {@code UID EXPUNGE}). A crash or a dropped connection leaves the batch pending, and the next run
 * completes it before anything else: no handled message stays behind and none gets a policy before it was handled.
 * Memory is bounded by the batch: FETCH responses are parsed here and dropped, never cached in Jakarta's folder.
 */
public final class ImapRetrieval {
    /** Messages whose fingerprint fields are fetched per round trip when a renumbered folder is examined. */
    private static final int FINGERPRINT_BATCH = 500;

    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);

    private final JakartaSessions sessions;
    private final CheckpointStore checkpoints;
    private final EventListener listener;
    private final Clock clock;
    private final Set<String> ignoredCapabilities;

    /**
     * @param ignoredCapabilities capabilities to act as if the server lacked (tests use it to take the fallback paths
     *     on a server that offers MOVE and UIDPLUS)
     */
    public ImapRetrieval(
            JakartaSessions sessions,
            CheckpointStore checkpoints,
            EventListener listener,
            Clock clock,
            Set<String> ignoredCapabilities) {
        this.sessions = sessions;
        this.checkpoints = checkpoints;
        this.listener = listener;
        this.clock = clock;
        this.ignoredCapabilities = Set.copyOf(ignoredCapabilities);
    }

    public List<FolderReport> run(
            MailboxAccount account, IncomingServer server, Retrieval retrieval, MessageHandler handler) {
        return ImapAccess.run(sessions, account, server, "retrieval", (store, names) -> {
            List<FolderReport> reports = new ArrayList<>();
            for (IMAPFolder folder : ImapAccess.resolve(names, retrieval.folders(), account)) {
                reports.add(new FolderRun(account, server, store, names, folder, retrieval, handler).run());
            }
            return reports;
        });
    }

    /** The state of one folder's run. */
    private final class FolderRun {
        private final MailboxAccount account;
        private final IncomingServer server;
        private final IMAPStore store;
        private final FolderNames names;
        private final IMAPFolder folder;
        private final Retrieval retrieval;
        private final MessageHandler handler;
        private final String accountKey;
        private final MessageParser parser;
        private final ReportTally tally;

        private long uidValidity;
        private @Nullable ImapCursor cursor;
        private @Nullable CursorJournal journal;
        private @Nullable String policyTarget;
        private int policyRefusals;
        private @Nullable String policyRefusal;

        FolderRun(
                MailboxAccount account,
                IncomingServer server,
                IMAPStore store,
                FolderNames names,
                IMAPFolder folder,
                Retrieval retrieval,
                MessageHandler handler) {
            this.account = account;
            this.server = server;
            this.store = store;
            this.names = names;
            this.folder = folder;
            this.retrieval = retrieval;
            this.handler = handler;
            this.accountKey = CursorKeys.account(account, server);
            this.parser = new MessageParser(retrieval.attachmentSizeLimit(), retrieval.textSizeLimit());
            this.tally = new ReportTally(folder.getFullName());
        }

        FolderReport run() throws MessagingException {
            AfterHandling policy = retrieval.afterHandling();
            if (policy.kind() == AfterHandling.Kind.ARCHIVE
                    || (policy.kind() == AfterHandling.Kind.DELETE && deleteMovesToTrash())) {
                policyTarget = target(policy);
            }
            String name = folder.getFullName();
            CursorLog log = checkpoints.load(accountKey, name).orElse(null);
            ImapCursor loaded = log == null ? null : ImapCursor.read(log);
            // A pending policy of an earlier run needs a writable folder even when this run only leaves mail.
            boolean writable = policy.kind() != AfterHandling.Kind.LEAVE || (loaded != null && loaded.hasPending());
            folder.open(writable ? Folder.READ_WRITE : Folder.READ_ONLY);
            boolean completed = false;
            try {
                uidValidity = folder.getUIDValidity();
                ImapCommands commands = new ImapCommands(folder);
                Instant since =
                        retrieval.backfill().map(w -> clock.instant().minus(w)).orElse(null);
                ImapCursor current;
                if (loaded == null) {
                    current = ImapCursor.fresh(uidValidity, since);
                    journal = journalFor(current, 0);
                    journal.rewrite();
                } else if (loaded.uidValidity() != uidValidity) {
                    current = renumbered(loaded, commands);
                    journal = journalFor(current, 0);
                    journal.rewrite();
                } else {
                    current = loaded;
                    journal =
                            journalFor(current, log == null ? 0 : log.entries().size());
                }
                cursor = current;
                if (current.hasPending()) {
                    int earlier = (int) current.pendingUids().size();
                    applyPolicy(current.pendingUids(), commands);
                    tally.note("completed the after-handling of " + earlier + " messages an earlier run had handled");
                }
                String criteria = "UID " + (current.floor() + 1) + ":*"
                        + (since == null ? "" : " SINCE " + IMAP_DATE.format(since.atZone(ZoneOffset.UTC)));
                List<Long> fresh = new ArrayList<>();
                for (long uid : commands.uidSearch(criteria)) {
                    if (uid > current.floor()) { // "n:*" also matches the highest UID when n is beyond it
                        fresh.add(uid);
                    }
                }
                tally.seen(fresh.size());
                List<Long> selected = select(fresh, commands);
                List<List<Long>> batches = new ArrayList<>();
                for (int start = 0; start < selected.size(); start += retrieval.batchSize()) {
                    batches.add(selected.subList(start, Math.min(selected.size(), start + retrieval.batchSize())));
                }
                handleBatches(batches, commands);
                if (policyRefusals > 0) {
                    tally.note(policyRefusals + " handled messages could not be given their after-handling ("
                            + retrieval.afterHandling() + "): " + policyRefusal
                            + "; they stay pending and the next run tries again");
                }
                completed = true;
                return tally.build();
            } finally {
                FolderClosing.close(folder, false, completed);
            }
        }

        private CursorJournal journalFor(ImapCursor state, int entries) {
            return new CursorJournal(
                    checkpoints, accountKey, folder.getFullName(), entries, state::snapshot, state::weight);
        }

        private ImapCursor cursor() {
            ImapCursor current = cursor;
            if (current == null) {
                throw new IllegalStateException("the cursor is read before any message");
            }
            return current;
        }

        private CursorJournal journal() {
            CursorJournal current = journal;
            if (current == null) {
                throw new IllegalStateException("the cursor is read before any message");
            }
            return current;
        }

        /**
         * The cursor for a folder the server renumbered: every message in the first run's window is examined by its
         * fingerprint fields (500 per round trip). Handled ones are settled (or, with their policy pending, completed),
         * and every other one waits in the retry set, so neither a failed message, nor one a capped newest-first run
         * had not reached, nor one of a busy day is lost or repeated.
         */
        private ImapCursor renumbered(ImapCursor old, ImapCommands commands) throws MessagingException {
            String name = folder.getFullName();
            tally.uidValidityChanged(old.uidValidity(), uidValidity);
            listener.uidValidityChanged(account, name, old.uidValidity(), uidValidity);
            Instant window = old.window();
            List<Long> all = commands.uidSearch(
                    window == null ? "ALL" : "SINCE " + IMAP_DATE.format(window.atZone(ZoneOffset.UTC)));
            ImapCursor fresh = ImapCursor.fresh(uidValidity, window);
            UidSet unrecognised = new UidSet();
            long highest = 0;
            for (int start = 0; start < all.size(); start += FINGERPRINT_BATCH) {
                List<Long> chunk = all.subList(start, Math.min(all.size(), start + FINGERPRINT_BATCH));
                for (FetchResponse response : commands.fetchFingerprintFields(chunk)) {
                    UID uid = response.getItem(UID.class);
                    BODY fields = response.getItem(BODY.class);
                    if (uid == null) {
                        continue;
                    }
                    highest = Math.max(highest, uid.uid);
                    byte[] header = fields == null || fields.getByteArray() == null
                            ? new byte[0]
                            : fields.getByteArray().getNewBytes();
                    long fingerprint = MessageFingerprint.of(header);
                    if (old.pendingFingerprint(fingerprint)) {
                        fresh.pending(uid.uid, fingerprint);
                    } else if (old.wasHandled(fingerprint)) {
                        fresh.settled(uid.uid, fingerprint);
                        tally.recognisedAfterRenumbering();
                    } else {
                        unrecognised.add(uid.uid);
                    }
                }
            }
            fresh.offered(highest, unrecognised);
            return fresh;
        }

        /** The UIDs handed out this run, in order; the rest stay for later runs. */
        private List<Long> select(List<Long> fresh, ImapCommands commands) throws MessagingException {
            ImapCursor current = cursor();
            List<Long> retryUids = new ArrayList<>();
            if (!current.retry().isEmpty()) {
                Set<Long> present = new LinkedHashSet<>(commands.uidSearch("UID " + current.retry()));
                UidSet gone = new UidSet();
                for (long uid : current.retry()) {
                    if (present.contains(uid)) {
                        retryUids.add(uid);
                    } else {
                        gone.add(uid);
                    }
                }
                if (!gone.isEmpty()) {
                    journal().record(current.gone(gone));
                }
            }
            List<Long> all = new ArrayList<>(retryUids);
            all.addAll(fresh);
            Collections.sort(all);
            int max = retrieval.maxPerFolder();
            if (retrieval.order() == Retrieval.Order.OLDEST_FIRST) {
                return new ArrayList<>(all.subList(0, Math.min(max, all.size())));
            }
            List<Long> newest = new ArrayList<>(all.subList(Math.max(0, all.size() - max), all.size()));
            Collections.reverse(newest);
            // The floor jumps past everything found, so every UID not yet settled waits in the retry set: the older
            // mail beyond the cap, and this run's own selection until each message is handled. One entry, as ranges.
            if (!fresh.isEmpty()) {
                journal().record(current.offered(fresh.get(fresh.size() - 1), UidSet.of(fresh)));
            }
            return newest;
        }

        /**
         * Fetches batch after batch, each one on a prefetch thread while this thread parses and hands out the batch
         * before it: the server's and the wire's time overlaps the client's. The batch's policy is sent only after
         * that prefetch has ended, so no two commands are ever in flight: Jakarta reassigns a dead folder's
         * connection, and a command racing that cleanup once ran on a connection with no mailbox selected. A
         * prefetch that failed throws before the policy, which then stays pending for the next run.
         */
        private void handleBatches(List<List<Long>> batches, ImapCommands commands) throws MessagingException {
            if (batches.isEmpty()) {
                return;
            }
            List<FetchResponse> fetched = commands.fetchWhole(batches.get(0));
            for (int i = 0; i < batches.size(); i++) {
                List<Long> following = i + 1 < batches.size() ? batches.get(i + 1) : null;
                Prefetch<List<FetchResponse>> next =
                        following == null ? null : Prefetch.start(() -> commands.fetchWhole(following));
                UidSet pending;
                try {
                    pending = handOut(batches.get(i), fetched);
                } catch (RuntimeException | Error e) { // the checkpoint store failed: nothing more is sent
                    if (next != null) {
                        next.awaitQuietly();
                    }
                    throw e;
                }
                if (next != null) {
                    fetched = next.join();
                }
                if (!pending.isEmpty()) {
                    applyPolicy(pending, commands);
                }
            }
        }

        /**
         * Parses, hands out and records each message of {@code batch}, then syncs the cursor; returns the UIDs whose
         * policy is now pending.
         */
        private UidSet handOut(List<Long> batch, List<FetchResponse> responses) {
            Map<Long, FetchResponse> fetched = new LinkedHashMap<>();
            for (FetchResponse response : responses) {
                UID uid = response.getItem(UID.class);
                if (uid != null) {
                    fetched.put(uid.uid, response);
                }
            }
            UidSet pending = new UidSet();
            UidSet gone = new UidSet();
            for (long uid : batch) {
                FetchResponse response = fetched.remove(uid);
                if (response == null) {
                    if (cursor().retry().contains(uid)) {
                        gone.add(uid); // expunged by someone else since the search
                    }
                    continue;
                }
                if (handleOne(uid, response)) {
                    pending.add(uid);
                }
            }
            if (!gone.isEmpty()) {
                journal().record(cursor().gone(gone));
            }
            journal().sync(); // every handled message is on disk before the mailbox changes
            return pending;
        }

        /** Hands one message out and records it; returns whether its policy is now pending. */
        private boolean handleOne(long uid, FetchResponse response) {
            String id = Long.toString(uid);
            byte[] raw = ImapSummaries.body(response);
            long fingerprint = MessageFingerprint.of(raw);
            RetrievedMessage message;
            try {
                message = ImapSummaries.message(folder.getFullName(), uidValidity, response, raw, parser);
            } catch (MessageParser.Unparseable e) {
                tally.malformed(id, String.valueOf(e.getMessage()));
                journal().record(cursor().settled(uid, fingerprint));
                return false;
            }
            try {
                handler.handle(message);
            } catch (Exception e) {
                tally.failed(id, e.getClass().getSimpleName() + ": " + e.getMessage());
                journal().record(cursor().failed(uid));
                return false;
            }
            tally.handled();
            if (retrieval.afterHandling().kind() == AfterHandling.Kind.LEAVE) {
                journal().record(cursor().settled(uid, fingerprint));
                return false;
            }
            journal().record(cursor().pending(uid, fingerprint));
            return true;
        }

        /**
         * Applies this run's policy to {@code uids}, all handled and recorded as pending, with one command (two or
         * three on servers without MOVE), then records that it is done. A refusal by a server that is still there
         * leaves them pending for the next run; a lost connection throws and leaves them pending too.
         */
        private void applyPolicy(UidSet uids, ImapCommands commands) throws MessagingException {
            ImapCursor current = cursor();
            int count = (int) uids.size();
            boolean kept;
            try {
                switch (retrieval.afterHandling().kind()) {
                    case LEAVE -> kept = true; // pending from an earlier run with another policy: nothing to do
                    case MARK_SEEN -> {
                        commands.addFlag(uids, "\\Seen");
                        kept = true;
                        tally.markedSeen(count);
                    }
                    case ARCHIVE -> {
                        kept = moveTo(uids, requireTarget(), commands);
                        tally.archived(count);
                    }
                    case DELETE -> {
                        if (policyTarget != null) {
                            kept = moveTo(uids, policyTarget, commands);
                        } else {
                            commands.addFlag(uids, "\\Deleted");
                            kept = !expungeExactly(uids, commands);
                        }
                        tally.deleted(count);
                    }
                    default -> throw new IllegalStateException("unknown policy " + retrieval.afterHandling());
                }
            } catch (MessagingException e) {
                boolean refused =
                        e.getCause() instanceof CommandFailedException || e.getCause() instanceof BadCommandException;
                if (!refused || !folder.isOpen()) {
                    throw e;
                }
                policyRefusals += count;
                policyRefusal = String.valueOf(e.getMessage());
                return;
            }
            journal().record(current.policyApplied(uids, kept));
        }

        private String requireTarget() {
            String target = policyTarget;
            if (target == null) {
                throw new IllegalStateException("archive target not resolved");
            }
            return target;
        }

        /** Moves {@code uids} to {@code target}; returns whether they stay in this folder (flagged, not expunged). */
        private boolean moveTo(UidSet uids, String target, ImapCommands commands) throws MessagingException {
            if (has("MOVE")) {
                commands.move(uids, target);
                return false;
            }
            UidSet toCopy = uids.copy();
            toCopy.removeAll(cursor().copiedUids().toList());
            if (!toCopy.isEmpty()) {
                commands.copy(toCopy, target);
                // Recorded at once: a crash before the expunge must not copy them a second time.
                journal().record(cursor().copied(toCopy));
                journal().sync();
            }
            commands.addFlag(uids, "\\Deleted");
            return !expungeExactly(uids, commands);
        }

        /** Expunges exactly {@code uids} where the server can; returns whether it could. */
        private boolean expungeExactly(UidSet uids, ImapCommands commands) throws MessagingException {
            if (has("UIDPLUS")) {
                commands.expungeExactly(uids);
                return true;
            }
            tally.note("the server lacks UIDPLUS: handled messages are flagged \\Deleted and left for the"
                    + " server to expunge, because a plain EXPUNGE would also remove other clients' deleted mail");
            return false;
        }

        private boolean has(String capability) throws MessagingException {
            return store.hasCapability(capability) && !ignoredCapabilities.contains(capability);
        }

        private boolean deleteMovesToTrash() {
            return account.profile().map(p -> p.deleteOnlyRemovesLabel()).orElse(false);
        }

        /** The folder the policy moves to, created if missing. */
        private String target(AfterHandling policy) throws MessagingException {
            FolderRole role = policy.kind() == AfterHandling.Kind.DELETE ? FolderRole.TRASH : FolderRole.ARCHIVE;
            var profile = account.profile().orElse(null);
            IMAPFolder existing = policy.archiveFolder().isPresent()
                    ? names.existing(policy.archiveFolder().get())
                    : names.byRole(role, profile);
            if (existing != null) {
                return existing.getFullName();
            }
            String name =
                    policy.archiveFolder().map(names::serverName).orElseGet(() -> names.defaultName(role, profile));
            IMAPFolder byDefaultName = names.existing(name);
            if (byDefaultName != null) {
                return byDefaultName.getFullName();
            }
            Folder created = store.getFolder(name);
            if (!created.create(Folder.HOLDS_MESSAGES)) {
                throw new ServerResponseException(
                        "cannot create folder " + name + " on "
                                + server.endpoint().host(),
                        server.endpoint(),
                        Phase.MAILBOX_ACCESS,
                        ProblemCode.FOLDER_NOT_FOUND,
                        false,
                        null);
            }
            tally.note("created folder " + name);
            return name;
        }
    }
}
