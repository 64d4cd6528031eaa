package dev.mailbridge.internal.retrieval;

import dev.mailbridge.IncomingServer;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.internal.jakarta.JakartaSessions;
import dev.mailbridge.retrieval.FetchReport;
import dev.mailbridge.retrieval.HeaderScan;
import dev.mailbridge.retrieval.MessageFailure;
import dev.mailbridge.retrieval.MessageHandler;
import dev.mailbridge.retrieval.MessageRef;
import dev.mailbridge.retrieval.MessageSummary;
import dev.mailbridge.retrieval.RetrievedMessage;
import dev.mailbridge.retrieval.ScanCursor;
import dev.mailbridge.retrieval.ScanPage;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;

/**
 * Header-first scans and fetches of chosen messages over IMAP, read-only. A scan runs one {@code UID SEARCH} for the
 * UIDs after its cursor (kept as ranges), then one {@code UID FETCH} of flags, size, INTERNALDATE and the envelope
 * header fields per page; FETCH responses are read into summaries and dropped, so memory is one page whatever the
 * folder's size. A fetch groups its references by folder and fetches whole messages in batches of 50.
 */
public final class ImapScan {
    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);
    /** Whole messages per round trip when fetching by reference, as retrieval's default batch. */
    private static final int FETCH_BATCH = 50;

    private final JakartaSessions sessions;
    private final MessageParser parser;

    /** @param parser the parser whole messages are read with (its attachment and text limits) */
    public ImapScan(JakartaSessions sessions, MessageParser parser) {
        this.sessions = sessions;
        this.parser = parser;
    }

    /** The first page of {@code scan}: at most its page size of summaries after its cursor. */
    public ScanPage page(MailboxAccount account, IncomingServer server, HeaderScan scan) {
        return ImapAccess.run(sessions, account, server, "scan", (store, names) -> {
            FolderScan run = new FolderScan(open(names, account, scan), scan);
            try {
                return run.nextPage();
            } finally {
                FolderClosing.close(run.folder, false, false);
            }
        });
    }

    /** Every summary after {@code scan}'s cursor, page by page on one connection; returns where it ended. */
    public ScanCursor all(
            MailboxAccount account, IncomingServer server, HeaderScan scan, Consumer<MessageSummary> consumer) {
        return ImapAccess.run(sessions, account, server, "scan", (store, names) -> {
            FolderScan run = new FolderScan(open(names, account, scan), scan);
            try {
                ScanPage page;
                do {
                    page = run.nextPage();
                    page.messages().forEach(consumer);
                } while (!page.complete());
                return page.cursor();
            } finally {
                FolderClosing.close(run.folder, false, false);
            }
        });
    }

    /** Hands the whole message of each reference to {@code handler}, in the order given within each folder. */
    public FetchReport fetch(
            MailboxAccount account, IncomingServer server, List<MessageRef> refs, MessageHandler handler) {
        Map<String, List<MessageRef>> byFolder = new LinkedHashMap<>();
        for (MessageRef ref : refs) {
            byFolder.computeIfAbsent(ref.folder(), f -> new ArrayList<>()).add(ref);
        }
        return ImapAccess.run(sessions, account, server, "fetch", (store, names) -> {
            int fetched = 0;
            List<MessageRef> missing = new ArrayList<>();
            List<MessageFailure> failed = new ArrayList<>();
            for (Map.Entry<String, List<MessageRef>> entry : byFolder.entrySet()) {
                IMAPFolder folder = names.existing(entry.getKey());
                if (folder == null) {
                    missing.addAll(entry.getValue());
                    continue;
                }
                folder.open(Folder.READ_ONLY);
                boolean completed = false;
                try {
                    fetched += fetchFolder(folder, entry.getValue(), handler, missing, failed);
                    completed = true;
                } finally {
                    FolderClosing.close(folder, false, completed);
                }
            }
            return new FetchReport(fetched, missing, failed);
        });
    }

    private int fetchFolder(
            IMAPFolder folder,
            List<MessageRef> refs,
            MessageHandler handler,
            List<MessageRef> missing,
            List<MessageFailure> failed)
            throws MessagingException {
        long uidValidity = folder.getUIDValidity();
        List<MessageRef> current = new ArrayList<>();
        for (MessageRef ref : refs) {
            (ref.uidValidity() == uidValidity ? current : missing).add(ref);
        }
        ImapCommands commands = new ImapCommands(folder);
        int fetched = 0;
        for (int start = 0; start < current.size(); start += FETCH_BATCH) {
            List<MessageRef> batch = current.subList(start, Math.min(current.size(), start + FETCH_BATCH));
            List<Long> uids = new ArrayList<>();
            batch.forEach(ref -> uids.add(ref.uid()));
            Map<Long, FetchResponse> responses = new HashMap<>();
            for (FetchResponse response : commands.fetchWhole(uids)) {
                responses.put(ImapSummaries.uid(response), response);
            }
            for (MessageRef ref : batch) {
                FetchResponse response = responses.remove(ref.uid());
                if (response == null) {
                    missing.add(ref);
                    continue;
                }
                String id = Long.toString(ref.uid());
                RetrievedMessage message;
                try {
                    message = ImapSummaries.message(
                            folder.getFullName(), uidValidity, response, ImapSummaries.body(response), parser);
                } catch (MessageParser.Unparseable e) {
                    failed.add(new MessageFailure(id, String.valueOf(e.getMessage())));
                    continue;
                }
                try {
                    handler.handle(message);
                    fetched++;
                } catch (Exception e) {
                    failed.add(new MessageFailure(id, e.getClass().getSimpleName() + ": " + e.getMessage()));
                }
            }
        }
        return fetched;
    }

    private static IMAPFolder open(FolderNames names, MailboxAccount account, HeaderScan scan)
            throws MessagingException {
        IMAPFolder folder =
                ImapAccess.resolve(names, List.of(scan.folder()), account).get(0);
        ScanCursor after = scan.after().orElse(null);
        if (after != null && !after.folder().equals(folder.getFullName())) {
            throw new IllegalArgumentException("the scan's cursor is for folder " + after.folder()
                    + " and the scan is of " + folder.getFullName() + "; continue a folder with its own cursor");
        }
        folder.open(Folder.READ_ONLY);
        return folder;
    }

    /** One folder's scan, page after page. */
    private static final class FolderScan {
        final IMAPFolder folder;
        private final HeaderScan scan;
        private final ImapCommands commands;
        private final long uidValidity;
        private final boolean restarted;
        /** The UIDs not listed yet, found by the one search. */
        private final UidSet remaining;

        private long lastUid;

        FolderScan(IMAPFolder folder, HeaderScan scan) throws MessagingException {
            this.folder = folder;
            this.scan = scan;
            this.commands = new ImapCommands(folder);
            this.uidValidity = folder.getUIDValidity();
            ScanCursor after = scan.after().orElse(null);
            this.restarted = after != null && after.uidValidity() != uidValidity;
            this.lastUid = after == null || restarted ? 0 : after.lastUid();
            String criteria = "UID " + (lastUid + 1) + ":*"
                    + scan.since()
                            .map(s -> " SINCE " + IMAP_DATE.format(s.atZone(ZoneOffset.UTC)))
                            .orElse("");
            UidSet found = commands.uidSearchSet(criteria);
            if (found.contains(lastUid)) { // "n:*" also matches the highest UID when n is beyond it
                found.remove(lastUid);
            }
            this.remaining = found;
        }

        ScanPage nextPage() throws MessagingException {
            UidSet page = new UidSet();
            for (long uid : remaining) {
                if (page.size() == scan.pageSize()) {
                    break;
                }
                page.add(uid);
            }
            List<MessageSummary> summaries = new ArrayList<>();
            if (!page.isEmpty()) {
                Map<Long, FetchResponse> responses = new HashMap<>();
                for (FetchResponse response : commands.fetchSummaries(page)) {
                    responses.put(ImapSummaries.uid(response), response);
                }
                for (long uid : page) {
                    FetchResponse response = responses.remove(uid);
                    if (response != null) { // else expunged since the search
                        summaries.add(ImapSummaries.summary(folder.getFullName(), uidValidity, response));
                    }
                    lastUid = uid;
                }
                page.forEach(remaining::remove);
            }
            return new ScanPage(
                    summaries,
                    new ScanCursor(folder.getFullName(), uidValidity, lastUid),
                    remaining.isEmpty(),
                    restarted);
        }
    }
}
