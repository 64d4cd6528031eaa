package dev.mailbridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Counts established TCP connections from this process to given server ports, read from the kernel's table
 * (/proc/net/tcp, tcp6). A client socket leaves ESTABLISHED the moment the client closes it, so a non-zero count after
 * a test is a connection Mailbridge left open. Linux only; elsewhere it reports zero.
 */
public final class OpenConnections {
    private static final String ESTABLISHED = "01";

    private OpenConnections() {}

    /** Client-side connections to any of {@code serverPorts} that are still established. */
    public static long establishedTo(Collection<Integer> serverPorts) {
        long count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(path)) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length < 4 || !fields[3].equals(ESTABLISHED)) {
                        continue;
                    }
                    int remotePort = port(fields[2]);
                    if (remotePort >= 0 && serverPorts.contains(remotePort)) {
                        count++;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + table, e);
            }
        }
        return count;
    }

    private static int port(String addressAndPort) {
        int colon = addressAndPort.lastIndexOf(':');
        if (colon < 0) {
            return -1;
        }
        return Integer.parseInt(addressAndPort.substring(colon + 1), 16);
    }
}
