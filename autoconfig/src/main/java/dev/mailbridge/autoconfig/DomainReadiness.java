package dev.mailbridge.autoconfig;

import dev.mailbridge.autoconfig.internal.DnsClient;
import dev.mailbridge.autoconfig.internal.ReadinessChecks;
import dev.mailbridge.providers.ProviderCatalog;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a domain is ready to send and receive mail, the "verify your domain" screen: MX (present, priorities, the
 * provider it points to), SPF (exactly one record, valid, including the sending provider, at most 10 DNS lookups, the
 * {@code all} qualifier), DKIM (the key at the given selectors, or the provider's known ones; key type and length)
 * and DMARC (policy and reporting address). DNS goes through dnsjava to the server you choose.
 *
 * <pre>{@code
 * ReadinessReport report = DomainReadiness.newBuilder().build().check("acme.com");
 * System.out.println(report.toText());
 * }</pre>
 */
public final class DomainReadiness {
    private final DnsClient dns;
    private final ProviderCatalog catalog;

    private DomainReadiness(Builder b) {
        this.dns = new DnsClient(b.dnsServer, b.timeout);
        this.catalog = b.catalog;
    }

    /** Starts with the system's resolvers and the built-in presets. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Checks {@code domain}, looking for DKIM keys at the selectors of the provider its MX records point to. */
    public ReadinessReport check(String domain) {
        return check(domain, List.of());
    }

    /**
     * Checks {@code domain}, looking for DKIM keys at {@code dkimSelectors} (the provider's known selectors when empty).
     *
     * @throws IllegalArgumentException if {@code domain} is not a domain name
     */
    public ReadinessReport check(String domain, List<String> dkimSelectors) {
        Objects.requireNonNull(domain, "domain");
        String ascii;
        try {
            ascii = java.net
                    .IDN
                    .toASCII(domain.strip(), java.net.IDN.ALLOW_UNASSIGNED)
                    .toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("domain '" + domain + "' is not a domain name: " + e.getMessage(), e);
        }
        if (!com.google.common.net.InternetDomainName.isValid(ascii) || ascii.indexOf('.') < 0) {
            throw new IllegalArgumentException(
                    "domain '" + domain + "' is not a domain name: give the part after '@', such as acme.com");
        }
        return new ReadinessChecks(dns, catalog).run(ascii, List.copyOf(dkimSelectors));
    }

    /** Builds a {@link DomainReadiness}. */
    public static final class Builder {
        private @Nullable InetSocketAddress dnsServer;
        private ProviderCatalog catalog = ProviderCatalog.builtIn();
        private Duration timeout = Duration.ofSeconds(5);

        private Builder() {}

        /** The DNS server to ask; the system's resolvers by default. */
        public Builder dnsServer(InetSocketAddress server) {
            this.dnsServer = Objects.requireNonNull(server, "dnsServer");
            return this;
        }

        /** The presets that recognise providers by MX host. */
        public Builder catalog(ProviderCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** How long one DNS question may take; 5 s by default. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("timeout is " + timeout + "; it must be between 0 and 1 minute");
            }
            this.timeout = timeout;
            return this;
        }

        /** Builds it. */
        public DomainReadiness build() {
            return new DomainReadiness(this);
        }
    }
}
