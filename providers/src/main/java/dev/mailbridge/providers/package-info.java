/**
 * Provider presets as data, and lookup by email domain or MX host. Start with {@link
 * dev.mailbridge.providers.ProviderCatalog#builtIn()}.
 */
@NullMarked
package dev.mailbridge.providers;

import org.jspecify.annotations.NullMarked;
