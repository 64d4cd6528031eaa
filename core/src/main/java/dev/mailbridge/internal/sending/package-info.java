/** How sending works: composing MIME, the SMTP transaction, retries, limits, the Sent copy and auto-reply rules. */
@NullMarked
package dev.mailbridge.internal.sending;

import org.jspecify.annotations.NullMarked;
