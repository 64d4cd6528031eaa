package dev.mailbridge.autoconfig.internal;

import com.google.common.net.InternetDomainName;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The registrable domain of a host by the Public Suffix List ({@code mx1.mail.example.co.uk} -> {@code example.co.uk},
 * not {@code co.uk}), through Guava's copy of the list, which Guava's releases keep current.
 */
public final class Registrable {
    private Registrable() {}

    /** The registrable domain, or {@code null} when the host is itself a public suffix or not a domain name. */
    public static @Nullable String domainOf(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        try {
            InternetDomainName domain = InternetDomainName.from(name.toLowerCase(Locale.ROOT));
            if (domain.isUnderPublicSuffix()) {
                return domain.topPrivateDomain().toString();
            }
            if (domain.hasPublicSuffix()) {
                return null; // the host is itself a public suffix, such as co.uk
            }
            // No rule matches: the list's implicit "*" rule makes the last label the suffix (.test, .internal).
            java.util.List<String> labels = domain.parts();
            return labels.size() < 2 ? null : labels.get(labels.size() - 2) + "." + labels.get(labels.size() - 1);
        } catch (IllegalArgumentException | IllegalStateException notADomain) {
            return null;
        }
    }
}
