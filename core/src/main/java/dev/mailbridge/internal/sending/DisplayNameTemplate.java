package dev.mailbridge.internal.sending;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A display name with {@code {placeholder}} parts, such as {@code {agent} at Acme}. Parsed strictly: a brace that does
 * not open or close a placeholder is an error when the identity is built, and a placeholder without a value is an
 * error when a message is sent, so literal braces never reach a customer's inbox.
 */
public final class DisplayNameTemplate {
    private final String template;
    private final Set<String> placeholders;

    private DisplayNameTemplate(String template, Set<String> placeholders) {
        this.template = template;
        this.placeholders = Set.copyOf(placeholders);
    }

    /**
     * Parses {@code template}.
     *
     * @throws IllegalArgumentException saying where the template is malformed
     */
    public static DisplayNameTemplate parse(String template) {
        HeaderGuard.checkValue("display name", template);
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                throw new IllegalArgumentException("'" + template + "' has a '}' at position " + i
                        + " that closes no placeholder; placeholders look like {agent}");
            }
            if (c != '{') {
                i++;
                continue;
            }
            int close = template.indexOf('}', i);
            String name = close < 0 ? "" : template.substring(i + 1, close);
            if (close < 0 || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("'" + template + "' has a '{' at position " + i
                        + " that opens no placeholder; placeholders are a letter then letters, digits or _, such as"
                        + " {agent}");
            }
            names.add(name);
            i = close + 1;
        }
        return new DisplayNameTemplate(template, names);
    }

    public String template() {
        return template;
    }

    public Set<String> placeholders() {
        return placeholders;
    }

    /**
     * The name with every placeholder replaced.
     *
     * @throws IllegalArgumentException naming the first placeholder without a value
     */
    public String fill(Map<String, String> values) {
        String result = template;
        for (String name : placeholders) {
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("the display name '" + template + "' needs a value for {" + name
                        + "}: call placeholder(\"" + name + "\", ...) on the message");
            }
            result = result.replace("{" + name + "}", value);
        }
        return result.strip();
    }
}
