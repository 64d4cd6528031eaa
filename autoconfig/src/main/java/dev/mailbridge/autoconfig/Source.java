package dev.mailbridge.autoconfig;

/** Where a candidate came from, in the order discovery trusts them; the order ranks candidates. */
public enum Source {
    /** A preset of the providers module, matched by the address's domain. Instant and offline. */
    PRESET,
    /** The domain's own autoconfig document ({@code autoconfig.<domain>} or {@code /.well-known/autoconfig}). */
    AUTOCONFIG,
    /** The Thunderbird ISPDB. */
    ISPDB,
    /** The domain's MX records: a preset's MX pattern, or the autoconfig/ISPDB of the MX host's domain. */
    MX,
    /** RFC 6186 / RFC 8314 SRV records. */
    SRV,
    /** Outlook Autodiscover (POX). */
    AUTODISCOVER,
    /** Servers guessed from common names and standard ports, confirmed by probing without credentials. */
    GUESS
}
