/** Implementation detail of Mailbridge; not exported, may change in any release. */
@NullMarked
package dev.mailbridge.internal.events;

import org.jspecify.annotations.NullMarked;
