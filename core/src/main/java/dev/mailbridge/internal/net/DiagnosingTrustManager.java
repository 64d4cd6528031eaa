package dev.mailbridge.internal.net;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The one trust decision of every Mailbridge TLS connection, in three steps so a failure can be told apart: the chain
 * must be trusted by the client's anchors, the leaf must be for the name in the handshake's {@link CertificateVerdict}
 * (checked here, whatever endpoint identification the socket was given), and the JDK's checks for the socket
 * (algorithm constraints) must pass. It never accepts what the delegate rejects, and a handshake without a verdict is
 * refused, so no code path can reach a server unchecked.
 */
final class DiagnosingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final Supplier<@Nullable CertificateVerdict> verdict;

    /** @param verdict the running handshake's verdict: a fixed one, or the calling thread's */
    DiagnosingTrustManager(X509ExtendedTrustManager delegate, Supplier<@Nullable CertificateVerdict> verdict) {
        this.delegate = delegate;
        this.verdict = verdict;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        CertificateVerdict current = verdict.get();
        if (current == null) {
            throw new CertificateException("no host name to check the certificate against; refusing the handshake");
        }
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            current.record(CertificateVerdict.Outcome.UNTRUSTED, chain);
            throw e;
        }
        if (chain.length == 0 || !CertificateNames.matches(chain[0], current.expectedHost())) {
            current.record(CertificateVerdict.Outcome.NAME_MISMATCH, chain);
            throw new CertificateException("the certificate is not for " + current.expectedHost());
        }
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            current.record(CertificateVerdict.Outcome.NAME_MISMATCH, chain);
            throw e;
        }
        current.record(CertificateVerdict.Outcome.VALID, chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("Mailbridge uses sockets, not SSLEngine");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a server certificate must be checked with its socket, to verify the host name");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("Mailbridge is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("Mailbridge is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("Mailbridge is never a TLS server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
