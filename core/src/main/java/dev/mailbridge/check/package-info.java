/**
 * The connection check's report: per direction, the phases that ran, their timing, and on failure a stable {@link
 * dev.mailbridge.check.ProblemCode}, the server's own words and a concrete fix. Every value here is safe to log or paste
 * into a support ticket: no secret is ever stored in it.
 */
@NullMarked
package dev.mailbridge.check;

import org.jspecify.annotations.NullMarked;
