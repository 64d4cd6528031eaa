package dev.mailbridge;

import dev.mailbridge.internal.text.HostNames;
import java.util.Objects;

/**
 * Where a mail server listens and how the connection to it is protected.
 *
 * <p>The host is kept as given for display and normalised to its ASCII (IDNA) form for connecting, so {@code
 * mail.bücher.example} works. Whether the port suits the protocol and security is checked when an account is built,
 * because only then is the protocol known.
 *
 * @param host the server's host name or IP literal, never blank
 * @param port the TCP port, 1 to 65535
 * @param security how the connection is protected
 */
public record Endpoint(String host, int port, Security security) {

    /** Checks the host and port and trims the host. */
    public Endpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        host = host.strip();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host is blank: give the server's name, such as imap.example.com");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        String problem = HostNames.problemWith(host);
        if (problem != null) {
            throw new IllegalArgumentException("host '" + host + "' " + problem);
        }
    }

    /** An endpoint on the default port of {@code protocol} for {@code security}. */
    public static Endpoint of(Protocol protocol, String host, Security security) {
        return new Endpoint(host, protocol.defaultPort(security), security);
    }

    /** The host in its ASCII (IDNA) form, the one that goes to DNS and into the TLS server name. */
    public String asciiHost() {
        return HostNames.toAscii(host);
    }

    /** {@code host:port (security)}, for messages and reports. */
    @Override
    public String toString() {
        return host + ":" + port + " (" + security + ")";
    }
}
