/**
 * Discovery ({@link dev.mailbridge.autoconfig.Discovery}): ranked {@link dev.mailbridge.autoconfig.Candidate} settings
 * for an address from presets, the provider's autoconfig, the Thunderbird ISPDB, MX records, RFC 6186 SRV records,
 * Outlook Autodiscover and probing, with a trace of every source; and the autoconfig document format ({@link
 * dev.mailbridge.autoconfig.ConfigDocument}), parsed safely and written for your own domain.
 */
@NullMarked
package dev.mailbridge.autoconfig;

import org.jspecify.annotations.NullMarked;
