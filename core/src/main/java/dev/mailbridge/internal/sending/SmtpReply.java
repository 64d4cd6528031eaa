package dev.mailbridge.internal.sending;

import dev.mailbridge.internal.net.WireConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One SMTP reply, possibly several lines.
 *
 * @param code the three-digit code, or 0 when the server sent something that is not a reply
 * @param text every line joined by a space, codes included, as the server's own words for reports
 */
record SmtpReply(int code, String text) {
    static SmtpReply read(WireConnection connection) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = connection.readLine();
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        int code = 0;
        if (line.length() >= 3) {
            try {
                code = Integer.parseInt(line.substring(0, 3));
            } catch (NumberFormatException garbage) {
                code = 0;
            }
        }
        return new SmtpReply(code, String.join(" ", lines));
    }

    boolean positive() {
        return code >= 200 && code < 400;
    }

    /** 4xx: try again later. */
    boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    /** 5xx, or something that is not SMTP at all. */
    boolean permanentFailure() {
        return code >= 500 || code < 200;
    }
}
