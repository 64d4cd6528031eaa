package dev.mailbridge.autoconfig.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A real DNS server on 127.0.0.1 (UDP, ephemeral port) answering from records the test adds in zone-file syntax, so
 * discovery's lookups go through dnsjava's resolver and the wire format, not a mock. Names listed as silent get no
 * answer at all, to test timeouts.
 */
public final class LoopbackDns implements AutoCloseable {
    private final DatagramSocket socket;
    private final List<Record> records = new CopyOnWriteArrayList<>();
    private final Set<String> silent = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile long latencyMillis;

    public LoopbackDns() throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    /** Adds a record such as {@code "_imaps._tcp.example.test. 300 IN SRV 0 1 993 imap.example.test."}. */
    public LoopbackDns add(String zoneLine) {
        try {
            String[] parts = zoneLine.trim().split("\\s+", 5);
            Name name = Name.fromString(parts[0]);
            long ttl = Long.parseLong(parts[1]);
            int type = Type.value(parts[3]);
            records.add(Record.fromString(name, type, DClass.IN, ttl, parts[4], Name.root));
            return this;
        } catch (IOException e) {
            throw new IllegalArgumentException("bad zone line " + zoneLine + ": " + e.getMessage(), e);
        }
    }

    /** Answers every question only after {@code millis}, like a resolver across the internet; 0 by default. */
    public LoopbackDns latency(long millis) {
        this.latencyMillis = millis;
        return this;
    }

    /** Never answers questions about {@code name}. */
    public LoopbackDns silent(String name) {
        silent.add(name.toLowerCase(Locale.ROOT));
        return this;
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                String qname = question.getName().toString().toLowerCase(Locale.ROOT);
                if (silent.contains(qname) || silent.contains(qname.replaceAll("\\.$", ""))) {
                    continue;
                }
                Message response = new Message(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                response.getHeader().setFlag(Flags.AA);
                response.getHeader().setFlag(Flags.RD);
                response.getHeader().setFlag(Flags.RA);
                response.addRecord(question, Section.QUESTION);
                List<Record> answers = new ArrayList<>();
                Set<Name> known = new HashSet<>();
                for (Record r : records) {
                    known.add(r.getName());
                    if (r.getName().equals(question.getName())
                            && (r.getType() == question.getType() || r.getType() == Type.CNAME)) {
                        answers.add(r);
                    }
                }
                for (Record r : answers) {
                    response.addRecord(r, Section.ANSWER);
                }
                if (!known.contains(question.getName())) {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] wire = response.toWire();
                java.net.SocketAddress client = packet.getSocketAddress();
                if (latencyMillis == 0) {
                    socket.send(new DatagramPacket(wire, wire.length, client));
                } else {
                    long delay = latencyMillis;
                    java.util.concurrent.CompletableFuture.delayedExecutor(
                                    delay, java.util.concurrent.TimeUnit.MILLISECONDS)
                            .execute(() -> {
                                try {
                                    socket.send(new DatagramPacket(wire, wire.length, client));
                                } catch (IOException ignored) {
                                    // closed meanwhile
                                }
                            });
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
