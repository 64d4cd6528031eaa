package dev.mailbridge.internal.check;

import dev.mailbridge.check.AlternativeResult;
import dev.mailbridge.check.CheckReport;
import dev.mailbridge.check.DirectionReport;
import dev.mailbridge.check.PhaseResult;
import dev.mailbridge.check.Problem;
import dev.mailbridge.check.RoundTripReport;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Renders a {@link CheckReport} as a JSON document; written by hand to keep core free of a JSON dependency. */
public final class ReportJson {
    private ReportJson() {}

    public static String render(CheckReport report) {
        StringBuilder out = new StringBuilder("{");
        field(out, "address", report.address().toString()).append(',');
        field(out, "credentialKind", report.credentialKind().name()).append(',');
        field(out, "profile", report.profileId()).append(',');
        out.append("\"ok\":").append(report.ok()).append(',');
        field(out, "startedAt", report.startedAt().toString()).append(',');
        out.append("\"durationMillis\":").append(report.duration().toMillis()).append(',');
        out.append("\"incoming\":");
        direction(out, report.incoming());
        out.append(",\"outgoing\":");
        direction(out, report.outgoing());
        out.append(",\"roundTrip\":");
        RoundTripReport roundTrip = report.roundTrip();
        if (roundTrip == null) {
            out.append("null");
        } else {
            out.append("{\"delivered\":").append(roundTrip.delivered());
            out.append(",\"elapsedMillis\":")
                    .append(roundTrip.elapsed().toMillis())
                    .append(",\"steps\":");
            phases(out, roundTrip.steps());
            out.append(",\"problem\":");
            problem(out, roundTrip.problem());
            out.append('}');
        }
        return out.append('}').toString();
    }

    private static void direction(StringBuilder out, @Nullable DirectionReport report) {
        if (report == null) {
            out.append("null");
            return;
        }
        out.append('{');
        field(out, "direction", report.direction().name()).append(',');
        field(out, "protocol", report.protocol().name()).append(',');
        field(out, "host", report.endpoint().host()).append(',');
        out.append("\"port\":").append(report.endpoint().port()).append(',');
        field(out, "security", report.endpoint().security().name()).append(',');
        field(out, "username", report.username()).append(',');
        out.append("\"ok\":").append(report.ok()).append(",\"phases\":");
        phases(out, report.phases());
        out.append(",\"problem\":");
        problem(out, report.problem());
        out.append(",\"alternatives\":[");
        List<AlternativeResult> alternatives = report.alternatives();
        for (int i = 0; i < alternatives.size(); i++) {
            AlternativeResult a = alternatives.get(i);
            out.append(i == 0 ? "{" : ",{");
            field(out, "host", a.endpoint().host()).append(',');
            out.append("\"port\":").append(a.endpoint().port()).append(',');
            field(out, "security", a.endpoint().security().name()).append(',');
            out.append("\"works\":").append(a.works()).append(',');
            field(out, "detail", a.detail()).append('}');
        }
        out.append("]}");
    }

    private static void phases(StringBuilder out, List<PhaseResult> phases) {
        out.append('[');
        for (int i = 0; i < phases.size(); i++) {
            PhaseResult p = phases.get(i);
            out.append(i == 0 ? "{" : ",{");
            field(out, "phase", p.phase().name()).append(',');
            out.append("\"succeeded\":").append(p.succeeded()).append(',');
            out.append("\"micros\":").append(p.duration().toNanos() / 1000).append(',');
            field(out, "detail", p.detail()).append('}');
        }
        out.append(']');
    }

    private static void problem(StringBuilder out, @Nullable Problem problem) {
        if (problem == null) {
            out.append("null");
            return;
        }
        out.append('{');
        field(out, "code", problem.code().name()).append(',');
        field(out, "message", problem.message()).append(',');
        field(out, "serverReply", problem.serverReply()).append(',');
        field(out, "fix", problem.fix()).append('}');
    }

    private static StringBuilder field(StringBuilder out, String name, @Nullable String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
