/** Implementation detail of Mailbridge; not exported, may change in any release. */
@NullMarked
package dev.mailbridge.internal.retrieval;

import org.jspecify.annotations.NullMarked;
