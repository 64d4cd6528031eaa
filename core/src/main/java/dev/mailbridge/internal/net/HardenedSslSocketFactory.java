package dev.mailbridge.internal.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Wraps a factory so that every TLS socket it makes gets {@link TlsSockets}' policy before its handshake. */
final class HardenedSslSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final String serverName;

    /**
     * @param serverName the name the certificate must be for. Jakarta Mail is given the address our {@link
     *     dev.mailbridge.Dns} resolved rather than the name, so the name comes from here, never from Jakarta.
     */
    HardenedSslSocketFactory(SSLSocketFactory delegate, String serverName) {
        this.delegate = delegate;
        this.serverName = serverName;
    }

    private Socket harden(Socket socket) {
        if (socket instanceof SSLSocket tls) {
            TlsSockets.applyPolicy(tls, serverName);
        }
        return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return harden(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return harden(delegate.createSocket(socket, serverName, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return harden(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return harden(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return harden(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return harden(delegate.createSocket(address, port, localAddress, localPort));
    }
}
