package dev.mailbridge.autoconfig.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plaintext IMAP or SMTP server on 127.0.0.1 that answers only what a probe asks (greeting, capabilities, goodbye),
 * so guessing can be tested without a full mail server.
 */
public final class GreetingServer implements AutoCloseable {
    private final ServerSocket listener;
    private final boolean imap;

    private GreetingServer(boolean imap) throws IOException {
        this.imap = imap;
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::accept, "greeting-server");
        thread.setDaemon(true);
        thread.start();
    }

    public static GreetingServer imap() throws IOException {
        return new GreetingServer(true);
    }

    public static GreetingServer smtp() throws IOException {
        return new GreetingServer(false);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                OutputStream out = socket.getOutputStream();
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                write(out, imap ? "* OK IMAP4rev1 guess server ready" : "220 guess.test ESMTP ready");
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String tag = line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line;
                    String upper = line.toUpperCase(java.util.Locale.ROOT);
                    if (imap && upper.endsWith(" CAPABILITY")) {
                        write(out, "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + " OK done");
                    } else if (imap && upper.endsWith(" LOGOUT")) {
                        write(out, "* BYE\r\n" + tag + " OK bye");
                        break;
                    } else if (!imap && upper.startsWith("EHLO")) {
                        write(out, "250-guess.test\r\n250 AUTH PLAIN");
                    } else if (!imap && upper.startsWith("QUIT")) {
                        write(out, "221 bye");
                        break;
                    } else {
                        write(out, imap ? tag + " BAD unknown" : "500 unknown");
                    }
                }
            } catch (IOException e) {
                // the client left, or the server closed
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
