/**
 * Discovery ({@link dev.mailbridge.autoconfig.Discovery}): ranked {@link dev.mailbridge.autoconfig.Candidate} settings
 * for an address from presets, the provider's autoconfig, the Thunderbird ISPDB, MX records, RFC 6186 SRV records,
 * Outlook Autodiscover and probing, with a trace of every source. Domain readiness ({@link
 * dev.mailbridge.autoconfig.DomainReadiness}: MX, SPF, DKIM, DMARC). Documents to publish for your own domain ({@link
 * dev.mailbridge.autoconfig.AutoconfigDocuments} from a {@link dev.mailbridge.autoconfig.MailSettingsTemplate}), and
 * the autoconfig format itself ({@link dev.mailbridge.autoconfig.ConfigDocument}).
 */
@NullMarked
package dev.mailbridge.autoconfig;

import org.jspecify.annotations.NullMarked;
