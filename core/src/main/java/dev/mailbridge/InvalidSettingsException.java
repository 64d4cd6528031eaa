package dev.mailbridge;

import java.util.List;

/**
 * Thrown by a builder when its settings cannot work; lists every problem at once so a setup screen can show them all,
 * each naming the field and the fix. A programmer or user error, never a server's answer.
 */
public final class InvalidSettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** Creates the exception for {@code what} ("account", "client") with at least one problem. */
    public InvalidSettingsException(String what, List<String> problems) {
        super(message(what, problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(String what, List<String> problems) {
        if (problems.size() == 1) {
            return what + " is invalid: " + problems.get(0);
        }
        StringBuilder text = new StringBuilder(what)
                .append(" is invalid (")
                .append(problems.size())
                .append(" problems):");
        for (int i = 0; i < problems.size(); i++) {
            text.append(' ').append(i + 1).append(". ").append(problems.get(i));
            if (i < problems.size() - 1) {
                text.append(';');
            }
        }
        return text.toString();
    }

    /** Each problem as one sentence naming the field and the fix. */
    public List<String> problems() {
        return problems;
    }
}
