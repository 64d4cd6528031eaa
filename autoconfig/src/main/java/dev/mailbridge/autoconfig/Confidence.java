package dev.mailbridge.autoconfig;

/** How much to trust a candidate before a connection check confirms it. */
public enum Confidence {
    /** From the provider itself over an authenticated channel (preset, HTTPS autoconfig, ISPDB). */
    HIGH,
    /** From DNS or a redirect the domain owner controls, or MX-derived. */
    MEDIUM,
    /** Fetched over plain HTTP, redirected to another domain, or guessed: confirm with a check before saving. */
    LOW
}
