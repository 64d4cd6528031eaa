package dev.mailbridge.internal.retrieval;

import dev.mailbridge.EventListener;
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
import dev.mailbridge.retrieval.AfterHandling;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.FolderCursor;
import dev.mailbridge.retrieval.FolderReport;
import dev.mailbridge.retrieval.MessageHandler;
import dev.mailbridge.retrieval.Retrieval;
import dev.mailbridge.retrieval.RetrievedMessage;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
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
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.jspecify.annotations.Nullable;

/**
 * One retrieval run over IMAP. Per folder: load the cursor, find the UIDs after it with one {@code UID SEARCH}, fetch
 * them in batches with one {@code UID FETCH} each, and for every message: parse, hand to the handler, apply the policy
 * to exactly that UID, then save the cursor. Memory is bounded by the batch: FETCH responses are parsed here and
 * dropped, never cached in Jakarta's folder.
 */
public final class ImapRetrieval {
    /**
     * Fingerprints kept per folder to recognise handled mail after the server renumbers it. Only mail received within a
     * day of the newest handled message needs them (older mail is skipped by date), and every cursor save copies and
     * writes them all, so the window is kept small: at 1,000 the copies were the largest CPU cost of a 50,000-message
     * run.
     */
    static final int FINGERPRINTS_KEPT = 256;

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
        Context ctx = Context.of(account, Protocol.IMAP, server.endpoint(), server.username());
        MailSession mail = sessions.sessionFor(ctx, "retrieval");
        Secret secret = null;
        try {
            Session session = mail.session();
            try (IMAPStore store = (IMAPStore) session.getStore(JakartaSessions.providerName(
                    Protocol.IMAP, server.endpoint().security()))) {
                secret = Secrets.forConnection(account.credentials(), ctx, "retrieval");
                store.connect(server.username(), secret.reveal());
                FolderNames names = new FolderNames(store);
                List<IMAPFolder> folders = resolve(names, retrieval, account);
                List<FolderReport> reports = new ArrayList<>();
                for (IMAPFolder folder : folders) {
                    reports.add(new FolderRun(account, server, store, names, folder, retrieval, handler).run());
                }
                return reports;
            }
        } catch (MessagingException e) {
            throw JakartaFailures.map(e, ctx, mail, Phase.MAILBOX_ACCESS, "retrieval", secret);
        } catch (IllegalStateException e) {
            if (!JakartaFailures.thrownByJakarta(e)) {
                throw e;
            }
            throw JakartaFailures.folderClosedUnderneath(e, ctx, mail, Phase.MAILBOX_ACCESS, "retrieval");
        }
    }

    /** Every folder asked for, or one error naming all that are missing and all that exist. */
    private static List<IMAPFolder> resolve(FolderNames names, Retrieval retrieval, MailboxAccount account)
            throws MessagingException {
        List<IMAPFolder> folders = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Retrieval.FolderSelector selector : retrieval.folders()) {
            String name = selector.name();
            FolderRole role = selector.role();
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
        private long lastUid;
        private final Set<String> retry = new LinkedHashSet<>();
        private final Set<String> fingerprints = new LinkedHashSet<>(); // oldest first
        private @Nullable Instant lastReceivedAt;
        private @Nullable String policyTarget;

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
            folder.open(policy.kind() == AfterHandling.Kind.LEAVE ? Folder.READ_ONLY : Folder.READ_WRITE);
            boolean completed = false;
            try {
                uidValidity = folder.getUIDValidity();
                FolderCursor cursor =
                        checkpoints.load(accountKey, folder.getFullName()).orElse(null);
                Instant since =
                        retrieval.backfill().map(w -> clock.instant().minus(w)).orElse(null);
                // Handled mail is recognised against what the cursor knew when the renumbering was seen, not against
                // the live window: that one drops its oldest entries as mail offered again is handled, and in a
                // renumbered 1,000-message Dovecot folder every message came back before this copy was kept.
                Set<String> handledBeforeRenumbering = Set.of();
                if (cursor != null) {
                    fingerprints.addAll(cursor.handledKeys());
                    lastReceivedAt = cursor.lastReceivedAt();
                    if (cursor.uidValidity() == uidValidity) {
                        lastUid = cursor.lastUid();
                        retry.addAll(cursor.retryIds());
                    } else {
                        handledBeforeRenumbering = Set.copyOf(cursor.handledKeys());
                        tally.uidValidityChanged(cursor.uidValidity(), uidValidity);
                        listener.uidValidityChanged(account, folder.getFullName(), cursor.uidValidity(), uidValidity);
                        // Mail older than the newest handled one (less a day of clock skew) was seen before.
                        if (cursor.lastReceivedAt() != null) {
                            Instant recovered = cursor.lastReceivedAt().minusSeconds(86_400);
                            since = since == null || recovered.isAfter(since) ? recovered : since;
                        }
                    }
                }
                ImapCommands commands = new ImapCommands(folder);
                String criteria = "UID " + (lastUid + 1) + ":*"
                        + (since == null ? "" : " SINCE " + IMAP_DATE.format(since.atZone(ZoneOffset.UTC)));
                List<Long> fresh = new ArrayList<>();
                for (long uid : commands.uidSearch(criteria)) {
                    if (uid > lastUid) { // "n:*" also matches the highest UID when n is beyond it
                        fresh.add(uid);
                    }
                }
                tally.seen(fresh.size());
                List<Long> selected = select(fresh, commands);
                for (int start = 0; start < selected.size(); start += retrieval.batchSize()) {
                    List<Long> batch =
                            selected.subList(start, Math.min(selected.size(), start + retrieval.batchSize()));
                    Map<Long, FetchResponse> fetched = new LinkedHashMap<>();
                    for (FetchResponse response : commands.fetchWhole(batch)) {
                        UID uid = response.getItem(UID.class);
                        if (uid != null) {
                            fetched.put(uid.uid, response);
                        }
                    }
                    for (long uid : batch) {
                        FetchResponse response = fetched.get(uid);
                        if (response == null) {
                            retry.remove(Long.toString(uid)); // gone from the server since the search
                            continue;
                        }
                        handleOne(uid, response, commands, handledBeforeRenumbering);
                    }
                }
                completed = true;
                return tally.build();
            } finally {
                FolderClosing.close(folder, false, completed);
            }
        }

        /** The UIDs handed out this run, in order; the rest stay for later runs. */
        private List<Long> select(List<Long> fresh, ImapCommands commands) throws MessagingException {
            List<Long> retryUids = new ArrayList<>();
            if (!retry.isEmpty()) {
                List<Long> wanted = new ArrayList<>();
                for (String id : retry) {
                    wanted.add(Long.parseLong(id));
                }
                Set<Long> present = new LinkedHashSet<>(commands.uidSearch("UID " + ImapCommands.uidSet(wanted)));
                for (Long uid : wanted) {
                    if (present.contains(uid)) {
                        retryUids.add(uid);
                    } else {
                        retry.remove(Long.toString(uid));
                    }
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
            // The cursor jumps past everything found, so every UID not yet settled waits in the retry set: the
            // older mail beyond the cap, and this run's own selection until each message is handled.
            for (Long uid : all) {
                retry.add(Long.toString(uid));
            }
            if (!fresh.isEmpty()) {
                lastUid = Math.max(lastUid, fresh.get(fresh.size() - 1));
            }
            return newest;
        }

        private void handleOne(
                long uid, FetchResponse response, ImapCommands commands, Set<String> handledBeforeRenumbering)
                throws MessagingException {
            String id = Long.toString(uid);
            BODY body = response.getItem(BODY.class);
            byte[] raw = body == null || body.getByteArray() == null
                    ? new byte[0]
                    : body.getByteArray().getNewBytes();
            INTERNALDATE internal = response.getItem(INTERNALDATE.class);
            Instant received = internal == null || internal.getDate() == null
                    ? null
                    : internal.getDate().toInstant();
            FLAGS flags = response.getItem(FLAGS.class);
            RetrievedMessage.Builder builder = RetrievedMessage.newBuilder(folder.getFullName(), id, raw)
                    .uid(uid, uidValidity)
                    .receivedAt(received)
                    .flags(flags == null ? Set.of() : MessageParser.flagNames(flags));
            RetrievedMessage message;
            try {
                message = parser.parse(builder, raw);
            } catch (MessageParser.Unparseable e) {
                tally.malformed(id, String.valueOf(e.getMessage()));
                advance(uid, null, received, true);
                return;
            }
            String fingerprint = MessageParser.fingerprint(message);
            if (handledBeforeRenumbering.contains(fingerprint)) {
                tally.recognisedAfterRenumbering();
                advance(uid, null, received, true);
                return;
            }
            try {
                handler.handle(message);
            } catch (Exception e) {
                tally.failed(id, e.getClass().getSimpleName() + ": " + e.getMessage());
                retry.add(id);
                advance(uid, null, null, false);
                return;
            }
            tally.handled();
            applyPolicy(uid, commands);
            advance(uid, fingerprint, received, true);
        }

        private void applyPolicy(long uid, ImapCommands commands) {
            try {
                switch (retrieval.afterHandling().kind()) {
                    case LEAVE -> {
                        // the cursor alone remembers it
                    }
                    case MARK_SEEN -> {
                        commands.addFlag(uid, "\\Seen");
                        tally.markedSeen();
                    }
                    case ARCHIVE -> {
                        moveTo(uid, requireTarget(), commands);
                        tally.archived();
                    }
                    case DELETE -> {
                        if (policyTarget != null) {
                            moveTo(uid, policyTarget, commands);
                        } else {
                            commands.addFlag(uid, "\\Deleted");
                            expungeExactly(uid, commands);
                        }
                        tally.deleted();
                    }
                }
            } catch (MessagingException e) {
                // Handled but not moved: it will not be handed out again, so say so instead of failing silently.
                tally.note(
                        "UID " + uid + " was handled, but " + retrieval.afterHandling() + " failed: " + e.getMessage());
            }
        }

        private String requireTarget() {
            String target = policyTarget;
            if (target == null) {
                throw new IllegalStateException("archive target not resolved");
            }
            return target;
        }

        private void moveTo(long uid, String target, ImapCommands commands) throws MessagingException {
            if (has("MOVE")) {
                commands.move(uid, target);
                return;
            }
            commands.copy(uid, target);
            commands.addFlag(uid, "\\Deleted");
            expungeExactly(uid, commands);
        }

        private void expungeExactly(long uid, ImapCommands commands) throws MessagingException {
            if (has("UIDPLUS")) {
                commands.expungeExactly(uid);
            } else {
                tally.note("the server lacks UIDPLUS: handled messages are flagged \\Deleted and left for the"
                        + " server to expunge, because a plain EXPUNGE would also remove other clients' deleted mail");
            }
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

        /**
         * Records progress and saves the cursor, so a restart continues exactly after this message.
         *
         * @param settled whether the message is done (handled, malformed or recognised); an unsettled one stays in
         *     the retry set
         */
        private void advance(long uid, @Nullable String fingerprint, @Nullable Instant received, boolean settled) {
            if (retrieval.order() == Retrieval.Order.OLDEST_FIRST) {
                lastUid = Math.max(lastUid, uid);
            }
            if (settled) {
                retry.remove(Long.toString(uid));
            }
            if (fingerprint != null) {
                fingerprints.add(fingerprint);
                while (fingerprints.size() > FINGERPRINTS_KEPT) {
                    fingerprints.remove(fingerprints.iterator().next());
                }
            }
            if (received != null && (lastReceivedAt == null || received.isAfter(lastReceivedAt))) {
                lastReceivedAt = received;
            }
            checkpoints.save(
                    accountKey,
                    folder.getFullName(),
                    new FolderCursor(uidValidity, lastUid, retry, fingerprints, lastReceivedAt));
        }
    }
}
