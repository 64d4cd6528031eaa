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
    private final SSLSocketFactory sharedFactory;
    /** Findings of the handshake running on this thread, for {@link #resumableFactory}. */
    private final ThreadLocal<CertificateVerdict> currentVerdict = new ThreadLocal<>();
    /**
     * One context, so one session cache, for connections that may resume a TLS session: a later connection to the same
     * server skips the certificate exchange and its checks, which cost the JDK tens of milliseconds of CPU per
     * connection (measured against Postfix).
     */
    private final SSLSocketFactory resumableFactory;

    private TlsSockets(X509ExtendedTrustManager trustManager) throws GeneralSecurityException {
        this.trustManager = trustManager;
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustManager}, null);
        this.sharedFactory = context.getSocketFactory();
        SSLContext resumable = SSLContext.getInstance("TLS");
        DiagnosingTrustManager recording = new DiagnosingTrustManager(trustManager, () -> {
            CertificateVerdict verdict = currentVerdict.get();
            return verdict == null ? new CertificateVerdict() : verdict;
        });
        resumable.init(null, new TrustManager[] {recording}, null);
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
     * A socket factory for Jakarta Mail whose sockets enforce the policy (protocol versions, and the certificate checked
     * against {@code serverName} during the handshake) on their own, so a Jakarta property cannot weaken them.
     */
    public SSLSocketFactory socketFactoryFor(String serverName) {
        return new HardenedSslSocketFactory(sharedFactory, serverName);
    }

    /**
     * Layers TLS over {@code plain} (already connected) and completes the handshake, recording what the certificate
     * check found in {@code verdict}.
     */
    public SSLSocket handshake(Socket plain, String host, int port, CertificateVerdict verdict) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new DiagnosingTrustManager(trustManager, () -> verdict)}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS cannot be initialised: " + e.getMessage(), e);
        }
        return layer(context.getSocketFactory(), plain, host, port);
    }

    /**
     * As {@link #handshake}, but the session may be resumed from an earlier connection of this client to the same host
     * and port; then no certificate is exchanged and {@code verdict} stays empty (the session was checked when it was
     * made). For sending, which asks the same server again and again; the connection check always makes a full
     * handshake, because it reports on the certificate.
     */
    public SSLSocket resumableHandshake(Socket plain, String host, int port, CertificateVerdict verdict)
            throws IOException {
        currentVerdict.set(verdict);
        try {
            return layer(resumableFactory, plain, host, port);
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
