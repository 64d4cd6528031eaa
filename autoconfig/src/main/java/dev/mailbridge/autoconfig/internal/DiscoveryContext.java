package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.Endpoint;
import dev.mailbridge.Protocol;
import dev.mailbridge.autoconfig.HttpFetcher;
import dev.mailbridge.check.AlternativeResult;
import dev.mailbridge.providers.ProviderCatalog;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything the sources of one discovery share.
 *
 * @param ispdbBase the ISPDB base URL, or {@code null} when it is switched off
 * @param probe asks an endpoint whether it speaks a protocol, without credentials
 * @param guessPorts the ports guessing tries per protocol
 * @param startedNanos when the caller asked, on {@link System#nanoTime()}'s clock: every timeout counts from here, so
 *     the set-up of a first call in a JVM is not added to them
 */
public record DiscoveryContext(
        EmailAddress address,
        HttpFetcher http,
        DnsClient dns,
        ProviderCatalog catalog,
        @Nullable URI ispdbBase,
        boolean sendAddressToAutoconfig,
        Duration sourceTimeout,
        Executor executor,
        BiFunction<Protocol, Endpoint, AlternativeResult> probe,
        Function<Protocol, List<Protocol.PortSecurity>> guessPorts,
        int maxProbes,
        long startedNanos) {

    /**
     * When a source's partial answers must be taken, on {@link System#nanoTime()}'s clock: a little before its timeout
     * (a tenth, at most 100 ms), so that the best answer already in wins over the timeout that would discard it.
     */
    public long partialAnswerDeadline() {
        long timeout = sourceTimeout.toNanos();
        return startedNanos + timeout - Math.min(timeout / 10, java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100));
    }

    /** How much of {@code budget}, counted from the call's start, is left now; never negative. */
    public Duration remaining(Duration budget) {
        long left = startedNanos + budget.toNanos() - System.nanoTime();
        return Duration.ofNanos(Math.max(0, left));
    }

    /** The domain in ASCII form, for DNS and URLs. */
    public String domain() {
        return address.asciiDomain();
    }
}
