package dev.mailbridge.autoconfig.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DNS questions over dnsjava, to the server the application chose (or the system's), without dnsjava's JVM-wide
 * cache: each answer is as fresh as the resolver's. One CNAME is followed, as DMARC and DKIM records often are.
 */
public final class DnsClient {
    private final Resolver resolver;

    /** Asks {@code server}, or the system's resolvers when {@code null}. */
    public DnsClient(@Nullable InetSocketAddress server, Duration timeout) {
        Resolver r = server == null ? new ExtendedResolver() : new SimpleResolver(server);
        r.setTimeout(timeout);
        this.resolver = r;
    }

    /**
     * The records of {@code type} at {@code name}; empty when the name or the type does not exist.
     *
     * <p>The future fails with an {@link IOException} when the server fails or does not answer.
     */
    public CompletableFuture<List<Record>> query(String name, int type) {
        return query(name, type, 1);
    }

    private CompletableFuture<List<Record>> query(String name, int type, int cnamesLeft) {
        Name qname;
        try {
            qname = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return CompletableFuture.failedFuture(new IOException("'" + name + "' is not a DNS name", e));
        }
        Message query = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
        return resolver.sendAsync(query).toCompletableFuture().thenCompose(response -> {
            int rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return CompletableFuture.completedFuture(List.<Record>of());
            }
            if (rcode != Rcode.NOERROR) {
                return CompletableFuture.failedFuture(
                        new IOException(name + " " + Type.string(type) + ": " + Rcode.string(rcode)));
            }
            List<Record> matching = new ArrayList<>();
            Name alias = null;
            for (Record record : response.getSection(Section.ANSWER)) {
                if (record.getType() == type) {
                    matching.add(record);
                } else if (record instanceof CNAMERecord cname) {
                    alias = cname.getTarget();
                }
            }
            if (matching.isEmpty() && alias != null && cnamesLeft > 0) {
                return query(alias.toString(), type, cnamesLeft - 1);
            }
            return CompletableFuture.completedFuture(matching);
        });
    }

    /** The TXT strings at {@code name}, each record's strings joined (a long SPF is split into several). */
    public CompletableFuture<List<String>> txt(String name) {
        return query(name, Type.TXT).thenApply(records -> {
            List<String> texts = new ArrayList<>();
            for (Record r : records) {
                texts.add(String.join("", ((TXTRecord) r).getStrings()));
            }
            return texts;
        });
    }
}
