package dev.mailbridge.internal.check;

import dev.mailbridge.check.AlternativeResult;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.check.DirectionReport;
import dev.mailbridge.check.PhaseResult;
import dev.mailbridge.check.Problem;
import dev.mailbridge.check.RoundTripReport;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Renders a {@link CheckReport} as plain text for a person or a support ticket. */
public final class ReportText {
    private ReportText() {}

    public static String render(CheckReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Mailbridge connection check for ")
                .append(report.address())
                .append(" (credentials: ")
                .append(report.credentialKind())
                .append(report.profileId() == null ? "" : ", provider: " + report.profileId())
                .append(")\n");
        out.append("Result: ")
                .append(report.ok() ? "OK" : "PROBLEMS FOUND")
                .append(" in ")
                .append(millis(report.duration()))
                .append(", started ")
                .append(report.startedAt())
                .append('\n');
        direction(out, "Incoming", report.incoming());
        direction(out, "Outgoing", report.outgoing());
        RoundTripReport roundTrip = report.roundTrip();
        if (roundTrip != null) {
            out.append("\nRound trip: ")
                    .append(roundTrip.delivered() ? "delivered" : "FAILED")
                    .append(" in ")
                    .append(millis(roundTrip.elapsed()))
                    .append('\n');
            phases(out, roundTrip.steps());
            problem(out, roundTrip.problem());
        }
        return out.toString();
    }

    private static void direction(StringBuilder out, String title, @Nullable DirectionReport report) {
        out.append('\n').append(title).append(": ");
        if (report == null) {
            out.append("not configured\n");
            return;
        }
        out.append(report.protocol())
                .append(' ')
                .append(report.endpoint())
                .append(" as ")
                .append(report.username())
                .append(" - ")
                .append(report.ok() ? "OK" : "FAILED")
                .append('\n');
        phases(out, report.phases());
        problem(out, report.problem());
        if (!report.alternatives().isEmpty()) {
            out.append("  Alternatives tried:\n");
            for (AlternativeResult alternative : report.alternatives()) {
                out.append("    ")
                        .append(alternative.works() ? "[works] " : "[no]    ")
                        .append(alternative.endpoint())
                        .append(": ")
                        .append(alternative.detail())
                        .append('\n');
            }
        }
    }

    private static void phases(StringBuilder out, List<PhaseResult> phases) {
        for (PhaseResult phase : phases) {
            out.append("  ")
                    .append(phase.succeeded() ? "ok   " : "FAIL ")
                    .append(String.format("%-15s %7s  ", phase.phase(), millis(phase.duration())))
                    .append(phase.detail())
                    .append('\n');
        }
    }

    private static void problem(StringBuilder out, @Nullable Problem problem) {
        if (problem == null) {
            return;
        }
        out.append("  Problem: ")
                .append(problem.code())
                .append(" - ")
                .append(problem.message())
                .append('\n');
        if (problem.serverReply() != null) {
            out.append("  Server said: ").append(problem.serverReply()).append('\n');
        }
        out.append("  Fix: ").append(problem.fix()).append('\n');
    }

    private static String millis(Duration duration) {
        long micros = duration.toNanos() / 1_000;
        return micros < 10_000 ? String.format("%.1f ms", micros / 1000.0) : (micros / 1000) + " ms";
    }
}
