package dev.mailbridge.internal.net;

import dev.mailbridge.Dns;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/** Opens TCP connections: resolves through the client's {@link Dns} and tries each address in turn. */
public final class Connector {
    private Connector() {}

    /**
     * Resolves {@code host}.
     *
     * @throws UnknownHostException if it does not resolve or resolves to nothing
     */
    public static List<InetAddress> resolve(Dns dns, String host) throws UnknownHostException {
        List<InetAddress> addresses;
        try {
            addresses = dns.lookup(host);
        } catch (RuntimeException e) {
            // The resolver is application code: its bug becomes this connection's failure, never the caller's crash.
            throw new ResolverFailure(host, e);
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new UnknownHostException(host + ": no addresses");
        }
        return addresses;
    }

    /**
     * Connects to the first address that accepts, with TCP_NODELAY on (mail protocols are chatty: Nagle's algorithm
     * would delay every command).
     *
     * @throws IOException the last address's failure
     */
    public static Socket connect(List<InetAddress> addresses, int port, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        IOException last = new ConnectException("no address to connect to");
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
                socket.connect(new InetSocketAddress(address, port), Math.toIntExact(connectTimeout.toMillis()));
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last;
    }

    /** The client's {@link Dns} threw instead of answering. */
    public static final class ResolverFailure extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        ResolverFailure(String host, RuntimeException cause) {
            super("the resolver failed for " + host + " (" + cause.getClass().getName() + ")");
            initCause(cause);
        }
    }
}
