/**
 * Importing mail: {@link dev.mailbridge.retrieval.Retrieval} says which folders, how many messages and what to do after
 * the application handled each one; {@link dev.mailbridge.MailboxClient#retrieve} runs it, handing detached {@link
 * dev.mailbridge.retrieval.RetrievedMessage} snapshots to a {@link dev.mailbridge.retrieval.MessageHandler}, and
 * remembers per folder what was handled in a {@link dev.mailbridge.retrieval.CheckpointStore}.
 */
@NullMarked
package dev.mailbridge.retrieval;

import org.jspecify.annotations.NullMarked;
