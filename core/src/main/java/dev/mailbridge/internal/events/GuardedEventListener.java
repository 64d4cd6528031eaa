package dev.mailbridge.internal.events;

import dev.mailbridge.EventListener;
import dev.mailbridge.MailboxAccount;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.check.DirectionReport;
import dev.mailbridge.check.PhaseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's {@link EventListener} as the client calls it: a listener that throws is logged and ignored, as in
 * OkHttp, so an observer's bug can never fail or change the work it observes.
 */
public final class GuardedEventListener implements EventListener {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedEventListener.class);

    private final EventListener delegate;

    private GuardedEventListener(EventListener delegate) {
        this.delegate = delegate;
    }

    /** {@code listener}, guarded; a guarded one as it is. */
    public static EventListener guard(EventListener listener) {
        return listener instanceof GuardedEventListener || listener == EventListener.NONE
                ? listener
                : new GuardedEventListener(listener);
    }

    /** The application's own listener. */
    public EventListener delegate() {
        return delegate;
    }

    @Override
    public void checkStarted(MailboxAccount account) {
        try {
            delegate.checkStarted(account);
        } catch (RuntimeException e) {
            ignored("checkStarted", e);
        }
    }

    @Override
    public void phaseEnded(MailboxAccount account, DirectionReport.Direction direction, PhaseResult phase) {
        try {
            delegate.phaseEnded(account, direction, phase);
        } catch (RuntimeException e) {
            ignored("phaseEnded", e);
        }
    }

    @Override
    public void checkEnded(MailboxAccount account, CheckReport report) {
        try {
            delegate.checkEnded(account, report);
        } catch (RuntimeException e) {
            ignored("checkEnded", e);
        }
    }

    @Override
    public void uidValidityChanged(MailboxAccount account, String folder, long previous, long current) {
        try {
            delegate.uidValidityChanged(account, folder, previous, current);
        } catch (RuntimeException e) {
            ignored("uidValidityChanged", e);
        }
    }

    private static void ignored(String event, RuntimeException e) {
        LOG.warn("the event listener threw from {}; ignored", event, e);
    }
}
