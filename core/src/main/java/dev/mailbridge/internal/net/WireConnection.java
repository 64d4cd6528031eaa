package dev.mailbridge.internal.net;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A line-oriented conversation over one socket, the way IMAP, POP3 and SMTP talk: CRLF-terminated lines, a read
 * timeout on every read, a write timeout enforced by closing the socket when a write stalls, and an in-place upgrade to
 * TLS for STARTTLS.
 */
public final class WireConnection implements Closeable {
    private static final int MAX_LINE = 64 * 1024;

    private final ScheduledExecutorService watchdog;
    private final Duration writeTimeout;
    private volatile Socket socket;
    private volatile long writeStarted;
    private volatile boolean writeTimedOut;
    private volatile @Nullable ScheduledFuture<?> guard;
    private InputStream in;
    private OutputStream out;

    public WireConnection(Socket socket, ScheduledExecutorService watchdog, Duration writeTimeout) throws IOException {
        this.watchdog = watchdog;
        this.writeTimeout = writeTimeout;
        attach(socket);
    }

    private void attach(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        this.out = socket.getOutputStream();
    }

    /** Replaces the plaintext socket with a TLS one after STARTTLS; the handshake is done by {@code tls}. */
    public void upgrade(TlsSockets tls, int port, CertificateVerdict verdict) throws IOException {
        SSLSocket upgraded = tls.handshake(socket, port, verdict);
        attach(upgraded);
    }

    /** As {@link #upgrade}, with a TLS session that may be resumed ({@link TlsSockets#resumableHandshake}). */
    public void upgradeResumable(TlsSockets tls, int port, CertificateVerdict verdict) throws IOException {
        attach(tls.resumableHandshake(socket, port, verdict));
    }

    /** Whether the conversation is encrypted now. */
    public boolean isEncrypted() {
        return socket instanceof SSLSocket;
    }

    /** The negotiated TLS version and cipher, or {@code "plaintext"}. */
    public String tlsDescription() {
        if (socket instanceof SSLSocket tls) {
            return tls.getSession().getProtocol() + " " + tls.getSession().getCipherSuite();
        }
        return "plaintext";
    }

    /**
     * Reads one line without its CRLF, decoded as UTF-8.
     *
     * @throws java.net.SocketTimeoutException when the read timeout passes
     * @throws IOException when the server closed the connection ({@link ConnectionClosedException}) or the line is
     *     absurdly long
     */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    throw new ConnectionClosedException("the server closed the connection");
                }
                break;
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("the server sent a line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code line} and CRLF, failing if the write takes longer than the write timeout.
     *
     * @throws IllegalArgumentException if {@code line} holds CR, LF or NUL: a second line of defence behind the
     *     validation of credentials and usernames, because an argument with a line break would be a second command
     *     (the message never holds the line, which may carry a secret)
     */
    public void writeLine(String line) throws IOException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException("refused to send a command whose argument holds "
                        + (c == '\0' ? "NUL" : "a line break") + " (at character " + i + ")");
            }
        }
        write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes raw bytes, failing if the write takes longer than the write timeout. */
    public void write(byte[] bytes) throws IOException {
        startGuard();
        writeStarted = System.nanoTime() | 1; // never 0, which means "no write in progress"
        try {
            out.write(bytes);
            out.flush();
        } catch (SocketException e) {
            if (writeTimedOut) {
                throw new java.net.SocketTimeoutException("write timed out after " + writeTimeout.toMillis() + " ms");
            }
            throw e;
        } finally {
            writeStarted = 0;
        }
    }

    /**
     * Starts the one periodic check of this connection's writes. A timer per write would cost two thread wake-ups per
     * command, which measured at about 15% of a message's submission on loopback; a check every quarter of the timeout
     * costs nothing per write and still closes a stalled write between 1 and 1.25 timeouts.
     */
    private void startGuard() {
        if (guard != null) {
            return;
        }
        long period = Math.max(writeTimeout.toMillis() / 4, 50);
        guard = watchdog.scheduleWithFixedDelay(
                () -> {
                    long started = writeStarted;
                    if (started != 0 && System.nanoTime() - started > writeTimeout.toNanos()) {
                        writeTimedOut = true;
                        closeQuietly(socket);
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ScheduledFuture<?> current = guard;
        if (current != null) {
            current.cancel(false);
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is best effort: the socket is gone either way
        }
    }

    /** The server closed the connection where the protocol expected more. */
    public static final class ConnectionClosedException extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectionClosedException(String message) {
            super(message);
        }
    }
}
