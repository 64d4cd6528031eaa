package dev.mailbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, for failures no server produces on its own: a connection cut after
 * a number of bytes, a port that accepts and never speaks. It counts connections, so a test can tell that a client did
 * not quietly reconnect after a failure.
 */
public final class TcpProxy implements AutoCloseable {
    /** What the proxy does with one accepted connection. */
    public enum Mode {
        /** Forward both ways until either side closes. */
        FORWARD,
        /** Accept and never send or forward a byte (a stalled server, a black hole behind a NAT). */
        SILENT
    }

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.FORWARD;
    /** Client bytes forwarded on each connection before it is cut; negative means never. */
    private volatile long cutAfterClientBytes = -1;
    /** Server bytes each later connection forwards before it is cut; null means never. */
    private volatile java.util.function.@Nullable LongSupplier cutAfterServerBytes;
    /** Whether the server's offer of STARTTLS/STLS is rewritten away, as a downgrading attacker would. */
    private volatile boolean stripStartTls;

    private final java.io.ByteArrayOutputStream fromClients = new java.io.ByteArrayOutputStream();

    private TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A forwarding proxy to {@code 127.0.0.1:targetPort}. */
    public static TcpProxy to(int targetPort) throws IOException {
        return new TcpProxy(targetPort);
    }

    /** A port that accepts connections and never answers. */
    public static TcpProxy silent() throws IOException {
        TcpProxy proxy = new TcpProxy(0);
        proxy.mode = Mode.SILENT;
        return proxy;
    }

    /** Cuts every later connection (both directions, by closing) once it has forwarded {@code bytes} from the client. */
    public TcpProxy cutAfterClientBytes(long bytes) {
        this.cutAfterClientBytes = bytes;
        return this;
    }

    /**
     * Cuts each later connection (a reset to the client) once it has forwarded the number of server bytes {@code
     * bytes} gives for it, a network that drops connections at arbitrary points of a response; a negative number
     * leaves that connection alone.
     */
    public TcpProxy cutServerAfter(java.util.function.LongSupplier bytes) {
        this.cutAfterServerBytes = bytes;
        return this;
    }

    /**
     * Rewrites every {@code STARTTLS} and {@code STLS} the server sends into an unknown capability of the same length,
     * the downgrade an attacker on the path makes so that a client carries on in plaintext.
     */
    public TcpProxy stripStartTls() {
        this.stripStartTls = true;
        return this;
    }

    /** Everything clients sent through the proxy so far, decoded as ISO-8859-1 (one char per byte). */
    public String clientBytes() {
        synchronized (fromClients) {
            return fromClients.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** How many connections were accepted so far. */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                sockets.add(client);
                if (mode == Mode.SILENT) {
                    continue; // held open, never read, never written
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(server);
                long cut = cutAfterClientBytes;
                pump(client, server, cut, true);
                var serverCut = cutAfterServerBytes;
                pump(server, client, serverCut == null ? -1 : serverCut.getAsLong(), false);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, long cutAfter, boolean fromClient) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    long forwarded = 0;
                    boolean cut = false;
                    try {
                        InputStream in = from.getInputStream();
                        OutputStream out = to.getOutputStream();
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            int allowed = n;
                            if (cutAfter >= 0 && forwarded + n >= cutAfter) {
                                allowed = (int) (cutAfter - forwarded);
                                cut = true;
                            }
                            if (fromClient) {
                                synchronized (fromClients) {
                                    fromClients.write(buffer, 0, allowed);
                                }
                            } else if (stripStartTls) {
                                strip(buffer, allowed);
                            }
                            out.write(buffer, 0, allowed);
                            out.flush();
                            forwarded += allowed;
                            if (cut) {
                                break;
                            }
                        }
                    } catch (IOException e) {
                        // one side went away; close both below
                    } finally {
                        if (cut) {
                            // The network dropped the connection: the client gets a reset first, so nothing the
                            // server might still say (an alert, an error) can reach it.
                            reset(fromClient ? from : to);
                        }
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        closeQuietly(socket);
    }

    /** Same-length rewrite, so no length the protocols carry changes; a token split across reads is not met here. */
    private static void strip(byte[] buffer, int length) {
        String text = new String(buffer, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        String stripped = text.replace("STARTTLS", "XNOTLSXX").replaceAll("(?m)^STLS", "XXXX");
        byte[] bytes = stripped.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, buffer, 0, length);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }
}
