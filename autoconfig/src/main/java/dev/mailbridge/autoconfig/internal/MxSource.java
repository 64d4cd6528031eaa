package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.ProviderProfile;
import dev.mailbridge.autoconfig.Candidate;
import dev.mailbridge.autoconfig.Confidence;
import dev.mailbridge.autoconfig.Source;
import dev.mailbridge.autoconfig.SourceAttempt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Who receives the domain's mail: an MX host matching a preset's pattern (Google Workspace, Microsoft 365) gives that
 * preset; otherwise the autoconfig and ISPDB of the MX host's registrable domain, found with the Public Suffix List.
 */
final class MxSource {
    private MxSource() {}

    static CompletableFuture<List<Candidate>> run(DiscoveryContext ctx, Trace trace) {
        long start = System.nanoTime();
        String name = ctx.domain();
        return ctx.dns()
                .query(name, Type.MX)
                .handle((records, failure) -> {
                    if (failure != null) {
                        trace.add(
                                Source.MX,
                                name + " MX",
                                SourceAttempt.Outcome.FAILED,
                                String.valueOf(failure.getMessage()),
                                start);
                        return CompletableFuture.completedFuture(List.<Candidate>of());
                    }
                    List<MXRecord> mx = new ArrayList<>();
                    for (Record r : records) {
                        mx.add((MXRecord) r);
                    }
                    mx.sort(Comparator.comparingInt(MXRecord::getPriority));
                    if (mx.isEmpty()) {
                        trace.add(Source.MX, name + " MX", SourceAttempt.Outcome.NOTHING, "no MX records", start);
                        return CompletableFuture.completedFuture(List.<Candidate>of());
                    }
                    String host = mx.get(0).getTarget().toString(true);
                    Optional<ProviderProfile> profile = ctx.catalog().byMxHost(host);
                    if (profile.isPresent()) {
                        trace.add(
                                Source.MX,
                                name + " MX",
                                SourceAttempt.Outcome.ANSWERED,
                                host + " belongs to " + profile.get().displayName(),
                                start);
                        return CompletableFuture.completedFuture(List.of(Candidates.fromProfile(
                                ctx,
                                profile.get(),
                                Source.MX,
                                Confidence.MEDIUM,
                                "MX " + host,
                                List.of("the domain's mail is handled by "
                                        + profile.get().displayName() + " (MX " + host + ")"))));
                    }
                    String mxDomain = Registrable.domainOf(host);
                    if (mxDomain == null || mxDomain.equalsIgnoreCase(name)) {
                        trace.add(
                                Source.MX,
                                name + " MX",
                                SourceAttempt.Outcome.NOTHING,
                                host + " is in the domain itself; nothing more to learn from it",
                                start);
                        return CompletableFuture.completedFuture(List.<Candidate>of());
                    }
                    trace.add(
                            Source.MX,
                            name + " MX",
                            SourceAttempt.Outcome.NOTHING,
                            host + ": no preset; asking the autoconfig and ISPDB of " + mxDomain,
                            start);
                    CompletableFuture<List<Candidate>> own =
                            AutoconfigSource.autoconfig(ctx, mxDomain, Source.MX, trace);
                    CompletableFuture<List<Candidate>> ispdb = AutoconfigSource.ispdb(ctx, mxDomain, Source.MX, trace);
                    return own.thenCombine(ispdb, (a, b) -> {
                        List<Candidate> all = new ArrayList<>(a);
                        all.addAll(b);
                        return all.isEmpty() ? all : List.of(all.get(0));
                    });
                })
                .thenCompose(f -> f);
    }
}
