package dev.mailbridge.internal.net;

import dev.mailbridge.internal.text.HostNames;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * One handshake's certificate check: the host name the certificate must be for, and what the check found (filled in by
 * {@link DiagnosingTrustManager}). Every TLS connection Mailbridge makes has one, so the name to check never depends on
 * what a library passes to the socket.
 */
public final class CertificateVerdict {
    /** The outcome of the certificate check. */
    public enum Outcome {
        /** No certificate was checked (the handshake failed before, or has not happened). */
        NOT_CHECKED,
        /** Trusted and issued for the host. */
        VALID,
        /** Not trusted by the client's anchors. */
        UNTRUSTED,
        /** Trusted but issued for other names. */
        NAME_MISMATCH
    }

    private final String expectedHost;
    private volatile Outcome outcome = Outcome.NOT_CHECKED;
    private volatile @Nullable X509Certificate leaf;

    /** @param expectedHost the name (ASCII form) or IP literal the user gave for the server */
    public CertificateVerdict(String expectedHost) {
        this.expectedHost = expectedHost;
    }

    /** The name the certificate must be for. */
    public String expectedHost() {
        return expectedHost;
    }

    void record(Outcome outcome, X509Certificate @Nullable [] chain) {
        this.outcome = outcome;
        this.leaf = chain == null || chain.length == 0 ? null : chain[0];
    }

    /** The outcome. */
    public Outcome outcome() {
        return outcome;
    }

    /** The issuer of the server's certificate, for messages. */
    public @Nullable String issuer() {
        X509Certificate cert = leaf;
        return cert == null ? null : cert.getIssuerX500Principal().getName(X500Principal.RFC2253);
    }

    /**
     * The names the server's certificate covers: its DNS and IP subject alternative names, or its common name when it
     * has none.
     */
    public List<String> certificateNames() {
        X509Certificate cert = leaf;
        List<String> names = new ArrayList<>();
        if (cert == null) {
            return names;
        }
        names.addAll(CertificateNames.alternativeNames(cert, 2));
        names.addAll(CertificateNames.alternativeNames(cert, 7));
        if (names.isEmpty()) {
            names.addAll(CertificateNames.commonNames(cert));
        }
        return names;
    }

    /**
     * The certificate's names that a user could type as the server instead: no wildcard ({@code *.example.com} names no
     * server), and an IP address only when the user gave an IP address.
     */
    public List<String> typableNames() {
        boolean userGaveAddress = HostNames.isIpLiteral(expectedHost);
        List<String> names = new ArrayList<>();
        for (String name : certificateNames()) {
            if (name.contains("*") || (HostNames.isIpLiteral(name) && !userGaveAddress)) {
                continue;
            }
            names.add(name);
        }
        return names;
    }
}
