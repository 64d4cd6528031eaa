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
import org.jspecify.annotations.Nullable;
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
                    List<String> levels = levelsToAsk(host, name);
                    if (levels.isEmpty()) {
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
                            host + ": no preset; asking the autoconfig and ISPDB of " + String.join(", then ", levels),
                            start);
                    // The most specific level first, and at each level the domain's own autoconfig before the ISPDB;
                    // all asked at once, the best answer in by the source's deadline taken.
                    List<CompletableFuture<@Nullable Candidate>> asked = new ArrayList<>();
                    for (String level : levels) {
                        asked.add(first(AutoconfigSource.autoconfig(ctx, level, Source.MX, trace)));
                        asked.add(first(AutoconfigSource.ispdb(ctx, level, Source.MX, trace)));
                    }
                    return FirstByPriority.of(asked, ctx.partialAnswerDeadline(), ctx.executor())
                            .thenApply(c -> c == null ? List.<Candidate>of() : List.of(c));
                })
                .thenCompose(f -> f);
    }

    /**
     * The domains whose settings may describe the MX host, most specific first, as Thunderbird asks them: the host
     * without its first label, then its registrable domain. AOL's {@code mx-aol.mail.gm0.yahoodns.net} must find the
     * ISPDB's entry for {@code mail.gm0.yahoodns.net} (AOL) before {@code yahoodns.net} (Yahoo), and an ISP's mail
     * subdomain its own entry. Levels that are the address's own domain or a public suffix are left out.
     */
    static List<String> levelsToAsk(String mxHost, String addressDomain) {
        String host = (mxHost.endsWith(".") ? mxHost.substring(0, mxHost.length() - 1) : mxHost)
                .toLowerCase(java.util.Locale.ROOT);
        List<String> levels = new ArrayList<>();
        String registrable = Registrable.domainOf(host);
        int dot = host.indexOf('.');
        if (dot > 0) {
            String parent = host.substring(dot + 1);
            if (registrable != null && parent.endsWith("." + registrable)) {
                levels.add(parent);
            }
        }
        if (registrable != null) {
            levels.add(registrable);
        }
        levels.removeIf(level -> level.equalsIgnoreCase(addressDomain));
        return levels.stream().distinct().toList();
    }

    private static CompletableFuture<@Nullable Candidate> first(CompletableFuture<List<Candidate>> candidates) {
        return candidates.thenApply(list -> list.isEmpty() ? null : list.get(0));
    }
}
