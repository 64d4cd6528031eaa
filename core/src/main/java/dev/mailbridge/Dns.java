package dev.mailbridge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Resolves host names for the connections Mailbridge opens. {@link #SYSTEM} uses the JVM's resolver; supply your own to
 * route lookups elsewhere (a DNS-over-HTTPS client, a split-horizon map, a test fake).
 */
@FunctionalInterface
public interface Dns {
    /** The JVM's resolver ({@link InetAddress#getAllByName}). */
    Dns SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));

    /**
     * The addresses of {@code host}, in the order to try them.
     *
     * @param host an ASCII host name or IP literal
     * @throws UnknownHostException if the name does not resolve
     */
    List<InetAddress> lookup(String host) throws UnknownHostException;
}
