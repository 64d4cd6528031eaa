package dev.mailbridge.internal.net;

import dev.mailbridge.internal.text.HostNames;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * Whether a server certificate is for the host name the user gave (RFC 6125): a DNS subject alternative name equal to
 * it, or a wildcard standing for exactly its first label; an IP address only against an IP address entry; the subject's
 * common name only when the certificate has no DNS names at all, as the JDK's own HTTPS check does.
 *
 * <p>Mailbridge checks the name here, inside its trust manager, rather than through {@code
 * SSLParameters.setEndpointIdentificationAlgorithm}: Jakarta Mail overwrites that setting on the sockets it
 * configures, and the JDK's check falls back to the connected address when the name fails, which a certificate with an
 * IP entry for a shared address would pass.
 */
final class CertificateNames {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private CertificateNames() {}

    /** Whether {@code certificate} is for {@code host} (a name in ASCII form, or an IP literal). */
    static boolean matches(X509Certificate certificate, String host) {
        String wanted = normalise(host);
        if (HostNames.isIpLiteral(host)) {
            return matchesAddress(certificate, wanted);
        }
        List<String> dnsNames = alternativeNames(certificate, DNS_NAME);
        if (dnsNames.isEmpty()) {
            return commonNames(certificate).stream().anyMatch(cn -> nameMatches(normalise(cn), wanted));
        }
        return dnsNames.stream().anyMatch(name -> nameMatches(normalise(name), wanted));
    }

    private static boolean matchesAddress(X509Certificate certificate, String literal) {
        InetAddress wanted;
        try {
            wanted = InetAddress.getByName(literal.replace("[", "").replace("]", ""));
        } catch (UnknownHostException e) {
            return false; // a literal always parses; anything else cannot match
        }
        for (String entry : alternativeNames(certificate, IP_ADDRESS)) {
            try {
                if (InetAddress.getByName(entry).equals(wanted)) {
                    return true;
                }
            } catch (UnknownHostException e) {
                // a malformed entry matches nothing
            }
        }
        return false;
    }

    /**
     * {@code pattern} is a certificate name: equal to {@code host}, or {@code *.rest} where host is one label followed
     * by {@code rest} and {@code rest} has at least two labels (no {@code *.com}). Partial wildcards ({@code f*.com})
     * are not honoured.
     */
    static boolean nameMatches(String pattern, String host) {
        if (!pattern.startsWith("*.")) {
            return pattern.equals(host);
        }
        String rest = pattern.substring(2);
        if (rest.indexOf('.') < 0 || rest.contains("*")) {
            return false;
        }
        int firstDot = host.indexOf('.');
        return firstDot > 0 && host.substring(firstDot + 1).equals(rest);
    }

    private static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** The certificate's subject alternative names of one type (2 = DNS, 7 = IP), as strings. */
    static List<String> alternativeNames(X509Certificate certificate, int type) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    if (entry.size() > 1 && Integer.valueOf(type).equals(entry.get(0))) {
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unreadable extension names nothing
        }
        return names;
    }

    /** The subject's common names. */
    static List<String> commonNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        for (String part : subject.split(",")) {
            if (part.startsWith("CN=")) {
                names.add(part.substring(3));
            }
        }
        return names;
    }
}
