package dev.mailbridge.internal.net;

import dev.mailbridge.Dns;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The client's network settings, handed to everything that opens a connection.
 *
 * @param dns the resolver
 * @param tls the TLS policy and trust
 * @param connectTimeout how long a TCP connect may take
 * @param readTimeout how long any read may wait
 * @param writeTimeout how long any write may block
 * @param watchdog closes sockets whose writes stall
 */
public record NetSettings(
        Dns dns,
        TlsSockets tls,
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        ScheduledExecutorService watchdog) {

    /** The same settings with connect and read timeouts capped at {@code cap}, for quick probes. */
    public NetSettings capped(Duration cap) {
        return new NetSettings(
                dns, tls, min(connectTimeout, cap), min(readTimeout, cap), min(writeTimeout, cap), watchdog);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
