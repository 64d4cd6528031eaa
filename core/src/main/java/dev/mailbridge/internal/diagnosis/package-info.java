/**
 * The one diagnosis of Mailbridge: what an I/O failure or a server's refusal means, with a stable code and a fix, for
 * the connection check, retrieval, sending and Sent copies alike. Implementation detail; not exported, may change in
 * any release.
 */
@NullMarked
package dev.mailbridge.internal.diagnosis;

import org.jspecify.annotations.NullMarked;
