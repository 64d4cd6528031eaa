/** How discovery works: the sources, DNS over dnsjava, hardened XML parsing, ranking and the readiness checks. */
@NullMarked
package dev.mailbridge.autoconfig.internal;

import org.jspecify.annotations.NullMarked;
