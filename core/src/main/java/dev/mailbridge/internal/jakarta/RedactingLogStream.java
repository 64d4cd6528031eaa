package dev.mailbridge.internal.jakarta;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * Jakarta Mail's debug output, line by line, to slf4j at TRACE, with the arguments of every command that can carry a
 * credential replaced. Jakarta's own {@code mail.debug.auth=false} hides most of them; this catches the rest (IMAP
 * LOGIN, POP3 PASS, SASL continuation lines).
 */
final class RedactingLogStream extends OutputStream {
    private static final Pattern CREDENTIAL_COMMAND =
            Pattern.compile("(?i)^(\\S+ )?(LOGIN|AUTHENTICATE|AUTH|PASS|USER)( .*)?$");
    private static final Pattern BASE64_LINE = Pattern.compile("^[A-Za-z0-9+/=]{12,}$");

    private final Logger log;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    RedactingLogStream(Logger log) {
        this.log = log;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            flushLine();
        } else if (b != '\r') {
            line.write(b);
        }
    }

    @Override
    public void flush() {
        flushLine();
    }

    private void flushLine() {
        if (line.size() == 0) {
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        log.trace("{}", redact(text));
    }

    static String redact(String text) {
        var command = CREDENTIAL_COMMAND.matcher(text);
        if (command.matches()) {
            return (command.group(1) == null ? "" : command.group(1)) + command.group(2) + " [redacted]";
        }
        if (BASE64_LINE.matcher(text).matches()) {
            return "[redacted]";
        }
        return text;
    }
}
