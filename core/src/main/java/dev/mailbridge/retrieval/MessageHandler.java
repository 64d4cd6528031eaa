package dev.mailbridge.retrieval;

/**
 * Receives retrieved messages one at a time. Returning normally means "handled": only then is the {@link
 * AfterHandling} policy applied and the message recorded as done. Throwing means "not handled": the message stays
 * untouched on the server, is reported with the exception's type and message, and is offered again next run.
 */
@FunctionalInterface
public interface MessageHandler {
    /** Handles one message; throw to refuse it for now. */
    void handle(RetrievedMessage message) throws Exception;
}
