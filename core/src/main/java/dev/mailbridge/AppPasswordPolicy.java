package dev.mailbridge;

/** When a provider refuses the normal password for IMAP, POP3 and SMTP and wants an app password instead. */
public enum AppPasswordPolicy {
    /** The normal password works; the provider has no app passwords. */
    NOT_NEEDED,
    /** Needed once the account has two-step verification on (Google, Microsoft personal accounts, Zoho). */
    WHEN_TWO_STEP_VERIFICATION_IS_ON,
    /** Always needed: the normal password never works for mail clients (iCloud, Yahoo, AOL). */
    ALWAYS
}
