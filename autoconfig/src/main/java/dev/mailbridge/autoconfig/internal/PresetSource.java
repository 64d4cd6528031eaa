package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.ProviderProfile;
import dev.mailbridge.autoconfig.Candidate;
import dev.mailbridge.autoconfig.Confidence;
import dev.mailbridge.autoconfig.Source;
import dev.mailbridge.autoconfig.SourceAttempt;
import java.util.List;
import java.util.Optional;

/** The providers module's presets, by the address's domain: no network at all. */
final class PresetSource {
    private PresetSource() {}

    static List<Candidate> run(DiscoveryContext ctx, Trace trace) {
        long start = System.nanoTime();
        Optional<ProviderProfile> profile = ctx.catalog().byDomain(ctx.address().domain());
        if (profile.isEmpty()) {
            trace.add(
                    Source.PRESET,
                    ctx.address().domain(),
                    SourceAttempt.Outcome.NOTHING,
                    "no preset for the domain",
                    start);
            return List.of();
        }
        trace.add(
                Source.PRESET,
                ctx.address().domain(),
                SourceAttempt.Outcome.ANSWERED,
                profile.get().displayName(),
                start);
        return List.of(Candidates.fromProfile(
                ctx,
                profile.get(),
                Source.PRESET,
                Confidence.HIGH,
                "preset " + profile.get().id(),
                List.of()));
    }
}
