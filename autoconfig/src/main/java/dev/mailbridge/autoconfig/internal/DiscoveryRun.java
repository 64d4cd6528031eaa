package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.autoconfig.Candidate;
import dev.mailbridge.autoconfig.DiscoveryResult;
import dev.mailbridge.autoconfig.Source;
import dev.mailbridge.autoconfig.SourceAttempt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One discovery: every enabled source at once (guessing only once the others found nothing), each bounded by the
 * per-source timeout, the whole by the deadline. It completes as soon as the best possible answer is known: when every
 * source that ranks above the best answer so far has finished.
 */
public final class DiscoveryRun {
    private final DiscoveryContext ctx;
    private final Set<Source> enabled;
    private final Duration deadline;
    private final Trace trace = new Trace();
    private final Map<Source, List<Candidate>> finished = new EnumMap<>(Source.class);
    private final CompletableFuture<DiscoveryResult> result = new CompletableFuture<>();
    private final long started;
    private boolean guessStarted;

    public DiscoveryRun(DiscoveryContext ctx, Set<Source> enabled, Duration deadline) {
        this.ctx = ctx;
        this.enabled = enabled.isEmpty() ? EnumSet.noneOf(Source.class) : EnumSet.copyOf(enabled);
        this.deadline = deadline;
        this.started = ctx.startedNanos();
    }

    public CompletableFuture<DiscoveryResult> start() {
        synchronized (this) {
            for (Source source : Source.values()) {
                if (!enabled.contains(source)) {
                    finished.put(source, List.of()); // a source switched off counts as finished with nothing
                }
            }
        }
        if (enabled.contains(Source.PRESET)) {
            List<Candidate> preset = PresetSource.run(ctx, trace);
            if (!preset.isEmpty()) {
                // Nothing outranks a preset: answer at once, without a single network question.
                synchronized (this) {
                    finished.put(Source.PRESET, preset);
                    for (Source source : Source.values()) {
                        finished.putIfAbsent(source, List.of());
                    }
                    complete();
                }
                return result;
            }
            record(Source.PRESET, preset);
        }
        launch(Source.AUTOCONFIG, c -> AutoconfigSource.autoconfig(c, c.domain(), Source.AUTOCONFIG, trace));
        launch(Source.ISPDB, c -> AutoconfigSource.ispdb(c, c.domain(), Source.ISPDB, trace));
        launch(Source.MX, c -> MxSource.run(c, trace));
        launch(Source.SRV, c -> SrvSource.run(c, trace));
        launch(Source.AUTODISCOVER, c -> AutodiscoverSource.run(c, trace));
        evaluate();
        CompletableFuture.delayedExecutor(ctx.remaining(deadline).toNanos(), TimeUnit.NANOSECONDS, ctx.executor())
                .execute(this::finish);
        return result;
    }

    private void launch(Source source, Function<DiscoveryContext, CompletableFuture<List<Candidate>>> run) {
        if (!enabled.contains(source)) {
            record(source, List.of());
            return;
        }
        CompletableFuture<List<Candidate>> future;
        try {
            future = run.apply(ctx);
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        future.orTimeout(ctx.remaining(ctx.sourceTimeout()).toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((candidates, failure) -> {
                    if (failure != null) {
                        boolean timeout = failure instanceof java.util.concurrent.TimeoutException
                                || failure.getCause() instanceof java.util.concurrent.TimeoutException;
                        trace.add(
                                source,
                                ctx.domain(),
                                timeout ? SourceAttempt.Outcome.TIMED_OUT : SourceAttempt.Outcome.FAILED,
                                timeout
                                        ? "no answer within "
                                                + ctx.sourceTimeout().toMillis() + " ms"
                                        : String.valueOf(failure.getMessage()),
                                started);
                    }
                    record(source, candidates == null ? List.of() : candidates);
                });
    }

    private void record(Source source, List<Candidate> candidates) {
        synchronized (this) {
            finished.putIfAbsent(source, candidates);
        }
        evaluate();
    }

    /** Completes when no unfinished source could rank above the best answer; starts guessing when nothing came. */
    private void evaluate() {
        boolean startGuess = false;
        synchronized (this) {
            if (result.isDone()) {
                return;
            }
            Source best = null;
            for (Source s : Source.values()) {
                if (!finished.getOrDefault(s, List.of()).isEmpty()) {
                    best = s;
                    break;
                }
            }
            boolean higherPending = false;
            for (Source s : Source.values()) {
                if (best != null && s.ordinal() >= best.ordinal()) {
                    break;
                }
                if (s != Source.GUESS && !finished.containsKey(s)) {
                    higherPending = true;
                }
            }
            if (best != null && !higherPending) {
                complete();
                return;
            }
            boolean othersDone = true;
            for (Source s : Source.values()) {
                if (s != Source.GUESS && !finished.containsKey(s)) {
                    othersDone = false;
                }
            }
            if (othersDone && best == null) {
                if (finished.containsKey(Source.GUESS)) {
                    complete();
                    return;
                }
                if (!guessStarted) {
                    guessStarted = true;
                    startGuess = true;
                }
            }
        }
        if (startGuess) {
            launch(Source.GUESS, c -> GuessSource.run(c, trace));
        }
    }

    private void finish() {
        synchronized (this) {
            if (!result.isDone()) {
                complete();
            }
        }
    }

    /** Called with the lock held. */
    private void complete() {
        for (Source s : Source.values()) {
            if (!finished.containsKey(s) && (s != Source.GUESS || guessStarted)) {
                trace.add(
                        s,
                        ctx.domain(),
                        SourceAttempt.Outcome.NOT_NEEDED,
                        "still running when the answer was known or the deadline passed; abandoned",
                        started);
            }
        }
        List<Candidate> all = new ArrayList<>();
        finished.values().forEach(all::addAll);
        all.sort(RANKING);
        result.complete(new DiscoveryResult(
                ctx.address(), all, trace.attempts(), Duration.ofNanos(System.nanoTime() - started)));
    }

    /** Source first, then implicit TLS before STARTTLS before none (RFC 8314), then IMAP before POP3. */
    static final Comparator<Candidate> RANKING = Comparator.comparing(Candidate::source)
            .thenComparing(
                    c -> c.incoming().isEmpty()
                            ? Security.NONE
                            : c.incoming().get(0).endpoint().security(),
                    Comparator.comparingInt(DiscoveryRun::securityRank))
            .thenComparing(c -> c.incoming().isEmpty() || c.incoming().get(0).protocol() != Protocol.IMAP);

    private static int securityRank(Security security) {
        return switch (security) {
            case IMPLICIT_TLS -> 0;
            case STARTTLS -> 1;
            case NONE -> 2;
        };
    }
}
