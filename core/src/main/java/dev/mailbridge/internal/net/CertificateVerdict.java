package dev.mailbridge.internal.net;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/** What the certificate check of one handshake found; filled in by {@link DiagnosingTrustManager}. */
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

    private volatile Outcome outcome = Outcome.NOT_CHECKED;
    private volatile @Nullable X509Certificate leaf;

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
        try {
            Collection<List<?>> alternatives = cert.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    Object type = entry.get(0);
                    if ((Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) && entry.size() > 1) {
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // fall back to the subject's common name below
        }
        if (names.isEmpty()) {
            String subject = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
            for (String part : subject.split(",")) {
                if (part.startsWith("CN=")) {
                    names.add(part.substring(3));
                }
            }
        }
        return names;
    }
}
