package dev.mailbridge.internal.retrieval;

import jakarta.mail.internet.MailDateFormat;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Date header, read leniently as to its form but never shifted: Jakarta's parser carries an impossible hour or
 * minute ({@code 59:10}) into the next days and reads a zone without its minutes ({@code -600}) as some other offset,
 * silently; here such a date is a noted parse problem and no sent time, the received time standing in.
 */
final class MailDates {
    private MailDates() {}

    static @Nullable Instant parse(@Nullable String raw, List<String> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String[] tokens = raw.strip().split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].indexOf(':') < 0) {
                continue;
            }
            if (!possibleTime(tokens[i])) {
                problems.add("impossible time in Date '" + raw + "': not used (the received time stands in)");
                return null;
            }
            String zone = i + 1 < tokens.length ? tokens[i + 1] : "";
            if ((zone.startsWith("+") || zone.startsWith("-")) && !possibleZone(zone.substring(1))) {
                problems.add("impossible time zone '" + zone + "' in Date '" + raw
                        + "': not used (the received time stands in)");
                return null;
            }
            break;
        }
        try {
            return new MailDateFormat().parse(raw).toInstant();
        } catch (ParseException | RuntimeException e) {
            problems.add("unreadable Date '" + raw + "'");
            return null;
        }
    }

    /** {@code HH:MM} or {@code HH:MM:SS} within a day (a leap second allowed); other shapes are left to the parser. */
    private static boolean possibleTime(String token) {
        String[] fields = token.split(":");
        int[] max = {23, 59, 60};
        for (int f = 0; f < fields.length && f < 3; f++) {
            if (fields[f].isEmpty() || fields[f].length() > 2 || !digits(fields[f])) {
                return true; // not a time of the usual shape; MailDateFormat decides
            }
            if (Integer.parseInt(fields[f]) > max[f]) {
                return false;
            }
        }
        return true;
    }

    /** {@code HHMM} with at most 14 hours and 59 minutes. */
    private static boolean possibleZone(String digits) {
        if (digits.length() != 4 || !digits(digits)) {
            return false;
        }
        return Integer.parseInt(digits.substring(0, 2)) <= 14 && Integer.parseInt(digits.substring(2)) <= 59;
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
