package dev.mailbridge.retrieval;

import java.util.List;

/**
 * What {@code MailboxClient.fetchMessages} did with the references it was given.
 *
 * @param fetched how many messages were handed to the handler and returned normally
 * @param missing references that name no message now: expunged, moved, or from before the folder was renumbered
 * @param failed messages whose handler threw, or that could not be parsed at all, each with the reason
 */
public record FetchReport(int fetched, List<MessageRef> missing, List<MessageFailure> failed) {
    /** Copies the lists. */
    public FetchReport {
        missing = List.copyOf(missing);
        failed = List.copyOf(failed);
    }
}
