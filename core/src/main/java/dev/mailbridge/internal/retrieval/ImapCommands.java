package dev.mailbridge.internal.retrieval;

import dev.mailbridge.internal.protocol.ImapText;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;

/**
 * The few UID commands retrieval sends itself on Jakarta's connection, so each is exactly one round trip and acts on
 * exactly the UIDs named: Jakarta's message objects would stay cached until the folder closes, and its expunge can
 * remove other clients' deleted mail.
 */
final class ImapCommands {
    private final IMAPFolder folder;

    ImapCommands(IMAPFolder folder) {
        this.folder = folder;
    }

    /** {@code UID SEARCH criteria}: the matching UIDs, ascending. */
    List<Long> uidSearch(String criteria) throws MessagingException {
        return uidSearchSet(criteria).toList();
    }

    /** {@code UID SEARCH criteria}: the matching UIDs as ranges, whose memory grows with the gaps, not the UIDs. */
    UidSet uidSearchSet(String criteria) throws MessagingException {
        Object result = folder.doCommand(p -> {
            Response[] responses = p.command("UID SEARCH " + criteria, null);
            Response last = responses[responses.length - 1];
            UidSet uids = new UidSet();
            if (last.isOK()) {
                for (Response r : responses) {
                    if (r instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) {
                        for (long uid = ir.readLong(); uid != -1; uid = ir.readLong()) {
                            uids.add(uid);
                        }
                    }
                }
            }
            p.notifyResponseHandlers(responses);
            p.handleResult(last);
            return uids;
        });
        return (UidSet) result;
    }

    /** {@code UID FETCH set (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])}: one round trip for the batch. */
    List<FetchResponse> fetchWhole(List<Long> uids) throws MessagingException {
        return fetch(uidSet(uids), "(UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])");
    }

    /** The header fields {@link MessageFingerprint} reads, for every message in {@code uids}: one round trip. */
    List<FetchResponse> fetchFingerprintFields(List<Long> uids) throws MessagingException {
        return fetch(uidSet(uids), "(UID BODY.PEEK[HEADER.FIELDS (" + MessageFingerprint.FIELDS + ")])");
    }

    /** What a header-first scan lists of each message in {@code uids}: one round trip. */
    List<FetchResponse> fetchSummaries(UidSet uids) throws MessagingException {
        return fetch(
                uids.toString(),
                "(UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (" + ImapSummaries.FIELDS + ")])");
    }

    /** {@code UID FETCH set items}: the FETCH responses, kept from Jakarta's message cache. */
    List<FetchResponse> fetch(String set, String items) throws MessagingException {
        Object result = folder.doCommand(p -> {
            Response[] responses = p.command("UID FETCH " + set + " " + items, null);
            Response last = responses[responses.length - 1];
            List<FetchResponse> fetched = new ArrayList<>();
            List<Response> others = new ArrayList<>();
            for (Response r : responses) {
                if (r instanceof FetchResponse fr) {
                    fetched.add(fr);
                } else {
                    others.add(r);
                }
            }
            // FETCH responses stay with us: handing them to Jakarta would cache them until the folder closes.
            p.notifyResponseHandlers(others.toArray(new Response[0]));
            p.handleResult(last);
            return fetched;
        });
        @SuppressWarnings("unchecked")
        List<FetchResponse> fetched = (List<FetchResponse>) result;
        return fetched;
    }

    /** Runs a UID command that only needs to succeed. */
    void simple(String command) throws MessagingException {
        folder.doCommand(p -> {
            Response[] responses = p.command(command, null);
            p.notifyResponseHandlers(responses);
            p.handleResult(responses[responses.length - 1]);
            return null;
        });
    }

    void move(UidSet uids, String target) throws MessagingException {
        simple("UID MOVE " + uids + " " + ImapText.mailbox(target));
    }

    void copy(UidSet uids, String target) throws MessagingException {
        simple("UID COPY " + uids + " " + ImapText.mailbox(target));
    }

    void addFlag(UidSet uids, String flag) throws MessagingException {
        simple("UID STORE " + uids + " +FLAGS.SILENT (" + flag + ")");
    }

    /** {@code UID EXPUNGE} (RFC 4315): removes exactly these messages, whatever else is flagged deleted. */
    void expungeExactly(UidSet uids) throws MessagingException {
        simple("UID EXPUNGE " + uids);
    }

    static String uidSet(List<Long> uids) {
        return UidSet.of(uids).toString();
    }
}
