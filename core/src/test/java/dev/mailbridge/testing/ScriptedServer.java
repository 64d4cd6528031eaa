package dev.mailbridge.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;

/**
 * A mail server that says exactly what a test scripts, for replies no local server produces (Gmail's, Microsoft's,
 * Yahoo's wordings, connection limits). Line rules match the client's line by regular expression and answer with
 * lines in which {@code {tag}} is the client's IMAP tag. Supports implicit TLS and a STARTTLS upgrade with the test
 * certificate. Binds 127.0.0.1 on an ephemeral port.
 */
public final class ScriptedServer implements AutoCloseable {
    private record Rule(Pattern pattern, List<String> replies, Action action, AtomicInteger uses) {
        /** Whether the rule may answer once more; rules made by {@code onFirst} answer once. */
        boolean available() {
            return uses.get() != 0;
        }

        void use() {
            uses.updateAndGet(n -> n > 0 ? n - 1 : n);
        }
    }

    private enum Action {
        REPLY,
        STARTTLS,
        CLOSE
    }

    private final ServerSocket listener;
    private final boolean implicitTls;
    private final boolean requireClientCertificate;
    private final String greeting;
    private final List<Rule> rules;
    private final List<String> otherwise;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private ScriptedServer(Builder b) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.implicitTls = b.implicitTls;
        this.requireClientCertificate = b.requireClientCertificate;
        this.greeting = b.greeting;
        this.rules = List.copyOf(b.rules);
        this.otherwise = List.copyOf(b.otherwise);
        Thread acceptor = new Thread(this::acceptLoop, "scripted-server-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The messages clients sent with SMTP DATA, dot-unstuffed, lines joined with CRLF. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Every command line clients sent, in order (message data excluded). */
    public List<String> received() {
        return List.copyOf(received);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                open.add(socket);
                Thread handler = new Thread(() -> serve(socket), "scripted-session");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket accepted) {
        Socket socket = accepted;
        try {
            if (implicitTls) {
                socket = upgrade(socket);
            }
            if (greeting.isEmpty()) {
                // silent server: hold the connection until the client gives up
                socket.getInputStream().read();
                return;
            }
            OutputStream out = socket.getOutputStream();
            BufferedReader in = reader(socket);
            write(out, List.of(greeting), "");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                received.add(line);
                String tag = line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line;
                Rule rule = match(line);
                List<String> replies = rule == null ? otherwise : rule.replies();
                write(out, replies, tag);
                if (!replies.isEmpty() && replies.get(replies.size() - 1).startsWith("354")) {
                    messages.add(readData(in));
                    received.add(".");
                    rule = match(".");
                    replies = rule == null ? otherwise : rule.replies();
                    write(out, replies, tag);
                }
                if (rule != null && rule.action() == Action.CLOSE) {
                    return;
                }
                if (rule != null && rule.action() == Action.STARTTLS) {
                    socket = upgrade(socket);
                    out = socket.getOutputStream();
                    in = reader(socket);
                }
            }
        } catch (IOException e) {
            // client went away
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a test socket
            }
        }
    }

    /**
     * The last rule added that matches and is not used up, so a test's rules override the defaults of {@link Scripts}.
     */
    private synchronized Rule match(String line) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule rule = rules.get(i);
            if (rule.available() && rule.pattern().matcher(line).matches()) {
                rule.use();
                return rule;
            }
        }
        return null;
    }

    /** Reads SMTP message data up to the lone dot, undoing dot-stuffing. */
    private static String readData(BufferedReader in) throws IOException {
        StringBuilder message = new StringBuilder();
        for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
            message.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return message.toString();
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void write(OutputStream out, List<String> lines, String tag) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.replace("{tag}", tag)).append("\r\n");
        }
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private Socket upgrade(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) TestTls.serverContext()
                .getSocketFactory()
                .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        tls.setUseClientMode(false);
        tls.setNeedClientAuth(requireClientCertificate);
        tls.startHandshake();
        open.add(tls);
        return tls;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    /** Scripts a {@link ScriptedServer}. */
    public static final class Builder {
        private boolean implicitTls;
        private boolean requireClientCertificate;
        private String greeting = "";
        private final List<Rule> rules = new ArrayList<>();
        private List<String> otherwise = List.of("{tag} BAD unexpected");

        public Builder implicitTls() {
            this.implicitTls = true;
            return this;
        }

        /** Undoes {@link #implicitTls()}: the connection starts in plaintext. */
        public Builder plaintext() {
            this.implicitTls = false;
            return this;
        }

        /** Refuses TLS clients without a certificate, which makes every Mailbridge handshake fail. */
        public Builder requireClientCertificate() {
            this.requireClientCertificate = true;
            return this;
        }

        /** The greeting line; without one the server stays silent. */
        public Builder greeting(String greeting) {
            this.greeting = greeting;
            return this;
        }

        /** Answers lines matching {@code regex} with {@code replies}. */
        public Builder on(String regex, String... replies) {
            rules.add(rule(regex, List.of(replies), Action.REPLY, -1));
            return this;
        }

        /** Answers the first line matching {@code regex} with {@code replies}; later ones fall to other rules. */
        public Builder onFirst(String regex, String... replies) {
            rules.add(rule(regex, List.of(replies), Action.REPLY, 1));
            return this;
        }

        private static Rule rule(String regex, List<String> replies, Action action, int uses) {
            return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), replies, action, new AtomicInteger(uses));
        }

        /** Answers, then upgrades the connection to TLS. */
        public Builder onStartTls(String regex, String reply) {
            rules.add(rule(regex, List.of(reply), Action.STARTTLS, -1));
            return this;
        }

        /** Answers, then closes the connection. */
        public Builder onClose(String regex, String... replies) {
            rules.add(rule(regex, List.of(replies), Action.CLOSE, -1));
            return this;
        }

        /** The answer to lines no rule matches. */
        public Builder otherwise(String... replies) {
            this.otherwise = List.of(replies);
            return this;
        }

        public ScriptedServer start() {
            try {
                return new ScriptedServer(this);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
