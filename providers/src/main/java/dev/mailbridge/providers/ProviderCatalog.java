package dev.mailbridge.providers;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.ProviderProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the provider profile for an address: by its domain ({@code gmail.com}) or, for custom domains, by the host its
 * MX record points to ({@code aspmx.l.google.com} means Google Workspace). Immutable and thread-safe.
 *
 * <pre>{@code
 * ProviderCatalog catalog = ProviderCatalog.builtIn();
 * ProviderProfile profile = catalog.byDomain("dana@gmail.com").orElseGet(() -> Presets.generic("gmail.com"));
 * }</pre>
 *
 * <p>Applications add their own profiles explicitly with {@link #newBuilder()}; nothing is discovered from the
 * classpath. A profile added later wins over an earlier one for the same domain.
 */
public final class ProviderCatalog {
    private static final ProviderCatalog BUILT_IN = newBuilder().addBuiltIns().build();

    private final List<ProviderProfile> profiles;

    private ProviderCatalog(List<ProviderProfile> profiles) {
        this.profiles = List.copyOf(profiles);
    }

    /**
     * The built-in profiles: Gmail, Google Workspace, Microsoft 365, Outlook.com, Yahoo, iCloud, Zoho (each of its
     * regions), Fastmail, AOL.
     */
    public static ProviderCatalog builtIn() {
        return BUILT_IN;
    }

    /** Starts an empty catalog. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Every profile, in lookup order. */
    public List<ProviderProfile> profiles() {
        return profiles;
    }

    /**
     * The profile hosting {@code domainOrAddress} (a domain or a whole address; any case, Unicode or ASCII form).
     *
     * @throws IllegalArgumentException if it is not a valid domain or address
     */
    public Optional<ProviderProfile> byDomain(String domainOrAddress) {
        Objects.requireNonNull(domainOrAddress, "domainOrAddress");
        String input = domainOrAddress.strip();
        String domain = EmailAddress.of(input.contains("@") ? input : "postmaster@" + input)
                .domain();
        for (int i = profiles.size() - 1; i >= 0; i--) {
            if (profiles.get(i).domains().contains(domain)) {
                return Optional.of(profiles.get(i));
            }
        }
        return Optional.empty();
    }

    /** The profile whose MX host suffixes match {@code mxHost}, such as {@code acme-com.mail.protection.outlook.com}. */
    public Optional<ProviderProfile> byMxHost(String mxHost) {
        Objects.requireNonNull(mxHost, "mxHost");
        String host = mxHost.strip().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        for (int i = profiles.size() - 1; i >= 0; i--) {
            for (String suffix : profiles.get(i).mxHostSuffixes()) {
                String bare = suffix.startsWith(".") ? suffix.substring(1) : suffix;
                if (host.equals(bare) || host.endsWith(suffix.startsWith(".") ? suffix : "." + suffix)) {
                    return Optional.of(profiles.get(i));
                }
            }
        }
        return Optional.empty();
    }

    /** Profile ids, for logs. */
    @Override
    public String toString() {
        return "ProviderCatalog" + profiles.stream().map(ProviderProfile::id).toList();
    }

    /** Builds a {@link ProviderCatalog}. */
    public static final class Builder {
        private final List<ProviderProfile> profiles = new ArrayList<>();

        private Builder() {}

        /** Adds the built-in profiles. */
        public Builder addBuiltIns() {
            profiles.addAll(Presets.all());
            return this;
        }

        /** Adds a profile; it wins over profiles added before it for the same domain or MX host. */
        public Builder add(ProviderProfile profile) {
            profiles.add(Objects.requireNonNull(profile, "profile"));
            return this;
        }

        /** Builds the catalog. */
        public ProviderCatalog build() {
            return new ProviderCatalog(profiles);
        }
    }
}
