package dev.mailbridge.internal.retrieval;

import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;

/**
 * Closes a folder at the end of a run without hiding why the run ended. After a dropped connection Jakarta's folders
 * throw {@link IllegalStateException} ("Folder is not Open") or a {@link MessagingException} from {@code close}; thrown
 * from a {@code finally}, either would replace the run's own failure, and the first would escape the library's
 * exception family altogether.
 */
final class FolderClosing {
    private FolderClosing() {}

    /**
     * Closes {@code folder}, expunging (POP3: deleting at QUIT) when {@code expunge}.
     *
     * @param completed whether the run got to its end: then a failing close is the run's failure, reported as a lost
     *     connection; otherwise the run's own exception is already on its way and the close failure is dropped
     */
    static void close(Folder folder, boolean expunge, boolean completed) throws MessagingException {
        try {
            if (folder.isOpen()) {
                folder.close(expunge);
            } else if (completed && expunge) {
                throw new FolderClosedException(folder, "the connection ended before the folder could be closed");
            }
        } catch (MessagingException e) {
            if (completed) {
                throw e;
            }
        } catch (IllegalStateException e) {
            if (completed) {
                throw new FolderClosedException(folder, "the connection ended before the folder could be closed");
            }
        }
    }
}
