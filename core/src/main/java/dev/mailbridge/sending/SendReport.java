package dev.mailbridge.sending;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The results of a batch, in the order the messages were given, with how many SMTP connections it took.
 *
 * @param results one per message, in order
 * @param connections SMTP connections opened: 1 for a batch that went smoothly, more after a broken connection
 * @param duration wall time of the whole batch, Sent copies included
 */
public record SendReport(List<DeliveryResult> results, int connections, Duration duration) {
    /** Copies the list. */
    public SendReport {
        results = List.copyOf(results);
        Objects.requireNonNull(duration, "duration");
    }

    /** Whether every message was accepted for every recipient. */
    public boolean allSent() {
        return results.stream().allMatch(r -> r.status() == DeliveryResult.Status.SENT);
    }

    /** The results that are not {@link DeliveryResult.Status#SENT}. */
    public List<DeliveryResult> failures() {
        return results.stream()
                .filter(r -> r.status() != DeliveryResult.Status.SENT)
                .toList();
    }

    /** A few lines for a person: one per message, then the totals. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        for (DeliveryResult r : results) {
            text.append(r.status()).append(' ').append(r.messageId()).append(": ");
            text.append(r.accepted().size()).append(" accepted");
            for (RecipientRejection rejection : r.rejected()) {
                text.append(", refused ")
                        .append(rejection.address())
                        .append(" (")
                        .append(rejection.reply())
                        .append(')');
            }
            r.problem()
                    .ifPresent(p -> text.append("; ")
                            .append(p.message())
                            .append(". Fix: ")
                            .append(p.fix()));
            text.append("; Sent copy: ").append(r.sentCopy().detail()).append('\n');
        }
        text.append(results.size())
                .append(" message(s), ")
                .append(connections)
                .append(" connection(s), ")
                .append(duration.toMillis())
                .append(" ms\n");
        return text.toString();
    }
}
