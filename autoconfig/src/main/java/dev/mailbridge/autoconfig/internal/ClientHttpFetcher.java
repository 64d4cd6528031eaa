package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.MailboxClient;
import dev.mailbridge.autoconfig.HttpFetcher;
import dev.mailbridge.internal.net.CertificateVerdict;
import dev.mailbridge.internal.net.ClientNetwork;
import dev.mailbridge.internal.net.Connector;
import dev.mailbridge.internal.net.NetSettings;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.IDN;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 over a {@link MailboxClient}'s own network: its {@link dev.mailbridge.Dns} resolves the host and its TLS
 * trust checks the certificate and the name, exactly as for mail connections, so a private CA or resolver set on the
 * client also applies to discovery (the JDK's HTTP client would ask the JVM's resolver and trust store). One request
 * per connection ({@code Connection: close}), no redirects followed (discovery follows them itself), the whole
 * exchange bounded by the timeout and the body by the size cap.
 */
public final class ClientHttpFetcher implements HttpFetcher {
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final NetSettings net;

    public ClientHttpFetcher(MailboxClient client) {
        this.net = ClientNetwork.of(client);
    }

    @Override
    public Response send(
            String method,
            URI uri,
            byte @Nullable [] body,
            @Nullable String contentType,
            Duration timeout,
            int maxBytes)
            throws IOException {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IOException(uri + " is not an http(s) URL");
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IOException(uri + " names no host");
        }
        String asciiHost = host.startsWith("[") ? host : IDN.toASCII(host).toLowerCase(Locale.ROOT);
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        NetSettings quick = net.capped(timeout);
        AtomicBoolean expired = new AtomicBoolean();
        Socket socket = Connector.connect(
                Connector.resolve(net.dns(), asciiHost), port, quick.connectTimeout(), quick.readTimeout());
        Socket[] current = {socket};
        ScheduledFuture<?> deadline = net.watchdog()
                .schedule(
                        () -> {
                            expired.set(true);
                            closeQuietly(current[0]);
                        },
                        timeout.toMillis(),
                        TimeUnit.MILLISECONDS);
        try {
            if (scheme.equals("https")) {
                socket = net.tls().handshake(socket, port, new CertificateVerdict(asciiHost));
                current[0] = socket;
            }
            OutputStream out = socket.getOutputStream();
            out.write(request(method, uri, asciiHost, port, scheme, body, contentType));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()), maxBytes);
        } catch (IOException e) {
            if (expired.get()) {
                throw new SocketTimeoutException(
                        "no complete answer from " + uri + " within " + timeout.toMillis() + " ms");
            }
            throw e;
        } finally {
            deadline.cancel(false);
            closeQuietly(current[0]);
        }
    }

    private static byte[] request(
            String method,
            URI uri,
            String host,
            int port,
            String scheme,
            byte @Nullable [] body,
            @Nullable String contentType) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(path)
                .append(query)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(defaultPort ? "" : ":" + port)
                .append("\r\nUser-Agent: Mailbridge-Discovery/1\r\nAccept: */*\r\nConnection: close\r\n");
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
        }
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Response read(InputStream in, int maxBytes) throws IOException {
        while (true) {
            String status = line(in);
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + abbreviate(status));
            }
            int code;
            try {
                code = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status: " + abbreviate(status), e);
            }
            String contentType = "";
            String location = null;
            long length = -1;
            boolean chunked = false;
            int headerBytes = 0;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                headerBytes += header.length();
                if (headerBytes > MAX_HEADER_BYTES) {
                    throw new IOException("the response headers are larger than " + MAX_HEADER_BYTES + " bytes");
                }
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip();
                switch (name) {
                    case "content-type" -> contentType = value;
                    case "location" -> location = value;
                    case "content-length" -> length = parseLength(value);
                    case "transfer-encoding" ->
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    default -> {
                        // other headers say nothing discovery uses
                    }
                }
            }
            if (code >= 100 && code < 200) {
                continue; // an interim response (100 Continue); the real one follows
            }
            byte[] body =
                    chunked ? chunked(in, maxBytes) : length >= 0 ? exactly(in, length, maxBytes) : toEnd(in, maxBytes);
            return new Response(code, contentType, location, body);
        }
    }

    private static long parseLength(String value) throws IOException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: " + abbreviate(value), e);
        }
    }

    private static byte[] exactly(InputStream in, long length, int maxBytes) throws IOException {
        if (length > maxBytes) {
            throw new IOException("the response is larger than " + maxBytes + " bytes");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new IOException("the response ended after " + body.length + " of " + length + " bytes");
        }
        return body;
    }

    private static byte[] toEnd(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            if (out.size() > maxBytes) {
                throw new IOException("the response is larger than " + maxBytes + " bytes");
            }
        }
        return out.toByteArray();
    }

    private static byte[] chunked(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + abbreviate(sizeLine), e);
            }
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers, ignored
                }
                return out.toByteArray();
            }
            if (out.size() + size > maxBytes) {
                throw new IOException("the response is larger than " + maxBytes + " bytes");
            }
            out.write(exactly(in, size, maxBytes));
            line(in); // the CRLF after the chunk
        }
    }

    /** One header line without its CRLF, ISO-8859-1 as HTTP headers are. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    throw new IOException("the server closed the connection before the response ended");
                }
                break;
            }
            if (b == '\n') {
                break;
            }
            if (line.size() > MAX_HEADER_BYTES) {
                throw new IOException("a response line is longer than " + MAX_HEADER_BYTES + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // the exchange is over either way
        }
    }
}
