package dev.mailbridge.autoconfig;

import dev.mailbridge.EmailAddress;
import dev.mailbridge.Endpoint;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One server as a discovery source described it.
 *
 * @param protocol IMAP, POP3 or SMTP
 * @param endpoint host, port and security
 * @param usernameTemplate the login name with autoconfig placeholders, such as {@code %EMAILADDRESS%} or {@code
 *     %EMAILLOCALPART%}; see {@link #username(EmailAddress)}
 * @param authentication the accepted login methods as the source named them ({@code password-cleartext}, {@code
 *     OAuth2}...), most preferred first; empty when the source did not say
 */
public record ServerSetting(
        Protocol protocol, Endpoint endpoint, String usernameTemplate, List<String> authentication) {
    /** Copies the list and checks that nothing is missing. */
    public ServerSetting {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(usernameTemplate, "usernameTemplate");
        authentication = List.copyOf(authentication);
    }

    /** The login name for {@code address}: placeholders {@code %EMAILADDRESS%}, {@code %EMAILLOCALPART%}, {@code %EMAILDOMAIN%} filled. */
    public String username(EmailAddress address) {
        return usernameTemplate
                .replace("%EMAILADDRESS%", address.toString())
                .replace("%EMAILLOCALPART%", address.localPart())
                .replace("%EMAILDOMAIN%", address.domain());
    }

    /** Whether the source says a password works here (not only OAuth2 or client certificates). */
    public boolean acceptsPassword() {
        return authentication.isEmpty()
                || authentication.stream()
                        .map(a -> a.toLowerCase(Locale.ROOT))
                        .anyMatch(a -> a.startsWith("password") || a.equals("plain") || a.equals("secure"));
    }

    /** Whether the connection is protected (implicit TLS or STARTTLS). */
    public boolean encrypted() {
        return endpoint.security() != Security.NONE;
    }

    /** {@code IMAP imap.example.com:993 (IMPLICIT_TLS) as %EMAILADDRESS%}. */
    @Override
    public String toString() {
        return protocol + " " + endpoint + " as " + usernameTemplate;
    }
}
