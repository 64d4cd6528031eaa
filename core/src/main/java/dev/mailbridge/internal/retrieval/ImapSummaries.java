package dev.mailbridge.internal.retrieval;

import dev.mailbridge.internal.jakarta.StreamProviderShortcut;
import dev.mailbridge.retrieval.MessageRef;
import dev.mailbridge.retrieval.MessageSummary;
import dev.mailbridge.retrieval.RetrievedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.jspecify.annotations.Nullable;

/**
 * Reads the FETCH responses of IMAP retrieval into the library's values: a {@link MessageSummary} from a header-first
 * scan's fields, a {@link RetrievedMessage} from a whole message. Both read the header with {@link HeaderFields}.
 */
final class ImapSummaries {
    /** The header fields a scan fetches ({@code BODY.PEEK[HEADER.FIELDS (...)]}). */
    static final String FIELDS = "DATE FROM SENDER REPLY-TO TO CC BCC SUBJECT MESSAGE-ID IN-REPLY-TO REFERENCES";

    private ImapSummaries() {}

    /** The UID of {@code response}, or -1 when the server left it out. */
    static long uid(FetchResponse response) {
        UID uid = response.getItem(UID.class);
        return uid == null ? -1 : uid.uid;
    }

    /** The bytes of the response's BODY item: the whole message or the fetched fields; empty when missing. */
    static byte[] body(FetchResponse response) {
        BODY body = response.getItem(BODY.class);
        return body == null || body.getByteArray() == null
                ? new byte[0]
                : body.getByteArray().getNewBytes();
    }

    /**
     * The summary of the message a scan's FETCH response describes. Read with {@link StreamProviderShortcut}, as whole
     * messages are: header decoding asks Jakarta for its stream provider on every field otherwise, which cost four
     * fifths of a scan's time.
     */
    static MessageSummary summary(String folder, long uidValidity, FetchResponse response) {
        return StreamProviderShortcut.call(() -> readSummary(folder, uidValidity, response));
    }

    private static MessageSummary readSummary(String folder, long uidValidity, FetchResponse response) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = HeaderFields.values(body(response), problems);
        HeaderFields fields = HeaderFields.read(values::get, problems);
        RFC822SIZE size = response.getItem(RFC822SIZE.class);
        return MessageSummary.newBuilder(new MessageRef(folder, uidValidity, uid(response)))
                .state(flags(response), size == null ? 0 : size.size, receivedAt(response))
                .addresses(fields.from, fields.sender, fields.replyTo, fields.to, fields.cc, fields.bcc)
                .header(fields.subject, fields.messageId, fields.sentAt, fields.inReplyTo, fields.references)
                .parseProblems(problems)
                .build();
    }

    /**
     * The whole message of a {@code BODY.PEEK[]} FETCH response, parsed.
     *
     * @throws MessageParser.Unparseable if not one header could be read
     */
    static RetrievedMessage message(
            String folder, long uidValidity, FetchResponse response, byte[] raw, MessageParser parser)
            throws MessageParser.Unparseable {
        long uid = uid(response);
        RetrievedMessage.Builder builder = RetrievedMessage.newBuilder(folder, Long.toString(uid), raw)
                .uid(uid, uidValidity)
                .receivedAt(receivedAt(response))
                .flags(flags(response));
        return parser.parse(builder, raw);
    }

    private static @Nullable Instant receivedAt(FetchResponse response) {
        INTERNALDATE internal = response.getItem(INTERNALDATE.class);
        return internal == null || internal.getDate() == null
                ? null
                : internal.getDate().toInstant();
    }

    private static Set<String> flags(FetchResponse response) {
        FLAGS flags = response.getItem(FLAGS.class);
        return flags == null ? Set.of() : MessageParser.flagNames(flags);
    }
}
