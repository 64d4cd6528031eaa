package dev.mailbridge.testing;

import dev.mailbridge.Dns;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A resolver with a fixed table: names it knows map to loopback; anything else does not exist. */
public final class FakeDns implements Dns {
    private final Map<String, List<InetAddress>> table = new ConcurrentHashMap<>();

    /** Maps each name to 127.0.0.1. */
    public static FakeDns loopback(String... names) {
        FakeDns dns = new FakeDns();
        for (String name : names) {
            try {
                dns.table.put(name, List.of(InetAddress.getByAddress(name, new byte[] {127, 0, 0, 1})));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return dns;
    }

    @Override
    public List<InetAddress> lookup(String host) throws UnknownHostException {
        List<InetAddress> addresses = table.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host + ": not in the fake DNS table");
        }
        return addresses;
    }
}
