package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.Endpoint;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.autoconfig.Candidate;
import dev.mailbridge.autoconfig.Confidence;
import dev.mailbridge.autoconfig.ServerSetting;
import dev.mailbridge.autoconfig.Source;
import dev.mailbridge.autoconfig.SourceAttempt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * RFC 6186 and RFC 8314 SRV records. The lowest priority wins, the highest weight among equals (a deterministic choice
 * rather than RFC 2782's random one, so the same domain always gives the same answer); a target of "." means the
 * service is deliberately not offered. Implicit TLS comes before STARTTLS (RFC 8314).
 */
final class SrvSource {
    private record Service(String label, Protocol protocol, Security security) {}

    private static final List<Service> SERVICES = List.of(
            new Service("_imaps._tcp.", Protocol.IMAP, Security.IMPLICIT_TLS),
            new Service("_imap._tcp.", Protocol.IMAP, Security.STARTTLS),
            new Service("_pop3s._tcp.", Protocol.POP3, Security.IMPLICIT_TLS),
            new Service("_pop3._tcp.", Protocol.POP3, Security.STARTTLS),
            new Service("_submissions._tcp.", Protocol.SMTP, Security.IMPLICIT_TLS),
            new Service("_submission._tcp.", Protocol.SMTP, Security.STARTTLS));

    private SrvSource() {}

    static CompletableFuture<List<Candidate>> run(DiscoveryContext ctx, Trace trace) {
        List<CompletableFuture<@Nullable ServerSetting>> asked = new ArrayList<>();
        for (Service service : SERVICES) {
            asked.add(one(ctx, service, trace));
        }
        return CompletableFuture.allOf(asked.toArray(new CompletableFuture<?>[0]))
                .thenApply(done -> {
                    List<ServerSetting> incoming = new ArrayList<>();
                    List<ServerSetting> outgoing = new ArrayList<>();
                    for (CompletableFuture<@Nullable ServerSetting> future : asked) {
                        ServerSetting setting = future.join();
                        if (setting != null) {
                            (setting.protocol() == Protocol.SMTP ? outgoing : incoming).add(setting);
                        }
                    }
                    if (incoming.isEmpty() && outgoing.isEmpty()) {
                        return List.<Candidate>of();
                    }
                    return List.of(new Candidate(
                            ctx.address(),
                            Source.SRV,
                            Confidence.MEDIUM,
                            "SRV records of " + ctx.domain(),
                            incoming,
                            outgoing,
                            List.of(),
                            null,
                            List.of()));
                });
    }

    private static CompletableFuture<@Nullable ServerSetting> one(DiscoveryContext ctx, Service service, Trace trace) {
        long start = System.nanoTime();
        String name = service.label() + ctx.domain();
        return ctx.dns().query(name, Type.SRV).handle((records, failure) -> {
            if (failure != null) {
                trace.add(Source.SRV, name, SourceAttempt.Outcome.FAILED, String.valueOf(failure.getMessage()), start);
                return null;
            }
            List<SRVRecord> srv = new ArrayList<>();
            for (Record r : records) {
                srv.add((SRVRecord) r);
            }
            if (srv.isEmpty()) {
                trace.add(Source.SRV, name, SourceAttempt.Outcome.NOTHING, "no record", start);
                return null;
            }
            srv.sort(Comparator.comparingInt(SRVRecord::getPriority)
                    .thenComparing(Comparator.comparingInt(SRVRecord::getWeight).reversed()));
            SRVRecord chosen = srv.get(0);
            String target = chosen.getTarget().toString(true);
            if (target.isEmpty() || target.equals(".") || chosen.getPort() == 0) {
                trace.add(
                        Source.SRV,
                        name,
                        SourceAttempt.Outcome.NOTHING,
                        "target \".\": the domain says this service is not offered",
                        start);
                return null;
            }
            try {
                ServerSetting setting = new ServerSetting(
                        service.protocol(),
                        new Endpoint(target, chosen.getPort(), service.security()),
                        "%EMAILADDRESS%",
                        List.of());
                trace.add(
                        Source.SRV,
                        name,
                        SourceAttempt.Outcome.ANSWERED,
                        target + ":" + chosen.getPort() + " (priority " + chosen.getPriority() + ", weight "
                                + chosen.getWeight() + ")",
                        start);
                return setting;
            } catch (IllegalArgumentException e) {
                trace.add(Source.SRV, name, SourceAttempt.Outcome.FAILED, "unusable target: " + e.getMessage(), start);
                return null;
            }
        });
    }
}
