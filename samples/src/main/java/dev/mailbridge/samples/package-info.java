/** Runnable Mailbridge scenarios; each is one screen long and run by a test. */
@NullMarked
package dev.mailbridge.samples;

import org.jspecify.annotations.NullMarked;
