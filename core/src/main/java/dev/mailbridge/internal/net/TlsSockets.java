package dev.mailbridge.internal.net;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Makes TLS sockets with Mailbridge's fixed policy: TLS 1.2 or 1.3 only, the certificate checked against the client's
 * trust anchors, and the host name checked against the certificate. Nothing here can switch a check off.
 */
public final class TlsSockets {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final X509ExtendedTrustManager trustManager;
    /** Findings of the handshake running on this thread, for {@link #resumableFactory}. */
    private final ThreadLocal<@Nullable CertificateVerdict> currentVerdict = new ThreadLocal<>();
    /**
     * One context, so one session cache, for connections that may resume a TLS session: a later connection to the same
     * server skips the certificate exchange and its checks, which cost the JDK tens of milliseconds of CPU per
     * connection (measured against Postfix).
     */
    private final SSLSocketFactory resumableFactory;

    private TlsSockets(X509ExtendedTrustManager trustManager) throws GeneralSecurityException {
        this.trustManager = trustManager;
        SSLContext resumable = SSLContext.getInstance("TLS");
        // Outside resumableHandshake the thread has no verdict, and the trust manager refuses the handshake.
        resumable.init(null, new TrustManager[] {new DiagnosingTrustManager(trustManager, currentVerdict::get)}, null);
        this.resumableFactory = resumable.getSocketFactory();
    }

    /** TLS with {@code anchors} as trust anchors, or the JVM's default trust store when {@code null}. */
    public static TlsSockets create(@Nullable KeyStore anchors) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x509) {
                    return new TlsSockets(x509);
                }
            }
            throw new IllegalStateException("the JVM offers no X509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS cannot be initialised: " + e.getMessage(), e);
        }
    }

    /**
     * A socket factory for Jakarta Mail whose sockets enforce the policy on their own: protocol versions, and the
     * certificate checked against {@code verdict}'s host name by the trust manager during the handshake, so no Jakarta
     * property (Jakarta resets the sockets' endpoint identification) can weaken them. What the check found goes to
     * {@code verdict}, for the diagnosis of a failure.
     */
    public SSLSocketFactory socketFactoryFor(CertificateVerdict verdict) {
        return new HardenedSslSocketFactory(context(verdict).getSocketFactory(), verdict.expectedHost());
    }

    private SSLContext context(CertificateVerdict verdict) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new DiagnosingTrustManager(trustManager, () -> verdict)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS cannot be initialised: " + e.getMessage(), e);
        }
    }

    /**
     * Layers TLS over {@code plain} (already connected) and completes the handshake, checking the certificate against
     * {@code verdict}'s host name and recording what the check found there.
     */
    public SSLSocket handshake(Socket plain, int port, CertificateVerdict verdict) throws IOException {
        return layer(context(verdict).getSocketFactory(), plain, verdict.expectedHost(), port);
    }

    /**
     * As {@link #handshake}, but the session may be resumed from an earlier connection of this client to the same host
     * and port; then no certificate is exchanged and {@code verdict} stays empty (the session was checked when it was
     * made). For sending, which asks the same server again and again; the connection check always makes a full
     * handshake, because it reports on the certificate.
     */
    public SSLSocket resumableHandshake(Socket plain, int port, CertificateVerdict verdict) throws IOException {
        currentVerdict.set(verdict);
        try {
            return layer(resumableFactory, plain, verdict.expectedHost(), port);
        } finally {
            currentVerdict.remove();
        }
    }

    private static SSLSocket layer(SSLSocketFactory factory, Socket plain, String host, int port) throws IOException {
        SSLSocket tls = (SSLSocket) factory.createSocket(plain, host, port, true);
        applyPolicy(tls, host);
        tls.startHandshake();
        return tls;
    }

    static void applyPolicy(SSLSocket socket, @Nullable String host) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (host != null && !dev.mailbridge.internal.text.HostNames.isIpLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
    }
}
