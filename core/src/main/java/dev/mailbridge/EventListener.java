package dev.mailbridge;

import dev.mailbridge.check.CheckReport;
import dev.mailbridge.check.DirectionReport;
import dev.mailbridge.check.PhaseResult;

/**
 * Observes what a {@link MailboxClient} does, for metrics and tracing. Start and end events come in pairs; every
 * method has an empty default so an implementation overrides only what it needs. Called on the thread doing the work:
 * keep implementations fast and never throw. Values passed in hold no secret.
 */
public interface EventListener {
    /** A listener that ignores everything. */
    EventListener NONE = new EventListener() {};

    /** A connection check of {@code account} starts. */
    default void checkStarted(MailboxAccount account) {}

    /** One phase of one direction of a check ended, successfully or not. */
    default void phaseEnded(MailboxAccount account, DirectionReport.Direction direction, PhaseResult phase) {}

    /** The check of {@code account} ended; {@code report} is what the caller receives. */
    default void checkEnded(MailboxAccount account, CheckReport report) {}

    /**
     * The server renumbered {@code folder} (its UIDVALIDITY changed) since the last retrieval. Mailbridge recognises
     * already handled mail by fingerprint and does not hand it out again; the event is for audit logs.
     */
    default void uidValidityChanged(MailboxAccount account, String folder, long previous, long current) {}
}
