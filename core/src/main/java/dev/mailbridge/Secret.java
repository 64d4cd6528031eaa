package dev.mailbridge;

import java.util.Objects;

/**
 * A password, app password or access token. Its {@link #toString()} never shows the value, so a secret that ends up in a
 * log line, an exception message or a report stays secret.
 *
 * <p>{@code equals} is identity, so that a secret never becomes a map key or decides a collection's equality by
 * accident.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps {@code value}.
     *
     * @throws IllegalArgumentException if the value is empty
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("secret is empty: give the password or token");
        }
        return new Secret(value);
    }

    /** The secret itself. Call it only where the value goes to the server, never to build a message. */
    public String reveal() {
        return value;
    }

    /** Always {@code "[redacted]"}. */
    @Override
    public String toString() {
        return "[redacted]";
    }
}
