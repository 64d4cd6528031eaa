package dev.mailbridge.internal.net;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The write timeout: a peer that stops reading cannot hold a write forever. */
class WireConnectionTest {
    @Test
    void aWriteToAPeerThatNeverReadsTimesOut() throws Exception {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket client = new Socket();
            client.setSendBufferSize(4096);
            client.connect(server.getLocalSocketAddress());
            try (Socket ignoredPeer = server.accept();
                    WireConnection wire = new WireConnection(client, watchdog, Duration.ofMillis(300))) {
                byte[] chunk = new byte[1 << 20];
                assertTimeoutPreemptively(
                        Duration.ofSeconds(10),
                        () -> assertThatThrownBy(() -> {
                                    for (int i = 0; i < 64; i++) {
                                        wire.write(chunk); // fills both socket buffers, then blocks
                                    }
                                })
                                .isInstanceOf(SocketTimeoutException.class)
                                .hasMessageContaining("write timed out after 300 ms"));
            }
        } finally {
            watchdog.shutdownNow();
        }
    }
}
