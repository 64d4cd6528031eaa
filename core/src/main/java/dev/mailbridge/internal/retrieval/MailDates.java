package dev.mailbridge.internal.retrieval;

import jakarta.mail.internet.MailDateFormat;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Date header, read leniently as to its form but never shifted: Jakarta's parser carries an impossible hour or
 * minute ({@code 59:10}) into the next days and reads a zone without its minutes ({@code -600}) as some other offset,
 * silently; here such a date is a noted parse problem and no sent time, the received time standing in.
 */
final class MailDates {
    private static final Pattern TIME = Pattern.compile("(?<![\\d:])(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?(?![\\d:])");
    private static final Pattern NUMERIC_ZONE = Pattern.compile("(?<=\\s)([+-])(\\d+)\\b");

    private MailDates() {}

    static @Nullable Instant parse(@Nullable String raw, List<String> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Matcher time = TIME.matcher(raw);
        if (time.find()) {
            int hour = Integer.parseInt(time.group(1));
            int minute = Integer.parseInt(time.group(2));
            int second = time.group(3) == null ? 0 : Integer.parseInt(time.group(3));
            if (hour > 23 || minute > 59 || second > 60) {
                problems.add("impossible time in Date '" + raw + "': not used (the received time stands in)");
                return null;
            }
        }
        Matcher zone = NUMERIC_ZONE.matcher(raw.substring(time.find(0) ? time.end() : 0));
        if (zone.find()) {
            String digits = zone.group(2);
            int hours = digits.length() == 4 ? Integer.parseInt(digits.substring(0, 2)) : -1;
            int minutes = digits.length() == 4 ? Integer.parseInt(digits.substring(2)) : -1;
            if (hours < 0 || hours > 14 || minutes > 59) {
                problems.add("impossible time zone '" + zone.group() + "' in Date '" + raw
                        + "': not used (the received time stands in)");
                return null;
            }
        }
        try {
            return new MailDateFormat().parse(raw).toInstant();
        } catch (ParseException | RuntimeException e) {
            problems.add("unreadable Date '" + raw + "'");
            return null;
        }
    }
}
