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
        int maxProbes) {

    /** The domain in ASCII form, for DNS and URLs. */
    public String domain() {
        return address.asciiDomain();
    }
}
