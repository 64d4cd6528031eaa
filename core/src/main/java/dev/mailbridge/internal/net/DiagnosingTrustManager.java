package dev.mailbridge.internal.net;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Delegates every decision to the real trust manager, but checks trust and host name in two steps so a failure can be
 * told apart: untrusted chain, or trusted certificate issued for other names. It never accepts what the delegate
 * rejects.
 */
final class DiagnosingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final Supplier<CertificateVerdict> verdict;

    /** @param verdict where the running handshake's findings go: a fixed one, or the calling thread's */
    DiagnosingTrustManager(X509ExtendedTrustManager delegate, Supplier<CertificateVerdict> verdict) {
        this.delegate = delegate;
        this.verdict = verdict;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            verdict.get().record(CertificateVerdict.Outcome.UNTRUSTED, chain);
            throw e;
        }
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            verdict.get().record(CertificateVerdict.Outcome.NAME_MISMATCH, chain);
            throw e;
        }
        verdict.get().record(CertificateVerdict.Outcome.VALID, chain);
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
