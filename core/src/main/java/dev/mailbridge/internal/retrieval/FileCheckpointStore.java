package dev.mailbridge.internal.retrieval;

import dev.mailbridge.internal.sending.AutoReplyClaims;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.CursorLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Two small files per account and folder, named by a hash of both: {@code <hash>.cursor} holds the snapshot under a
 * first line with its generation, and {@code <hash>.<generation>.journal} the entries appended since, each framed by
 * {@link CursorLogLines}. An append is one {@code write} on a journal kept open (it survives a kill at once) and
 * {@link #sync} forces it to disk. A replace writes {@code <hash>.cursor.tmp}, forces it, renames it over the snapshot
 * atomically and only then deletes the old generation's journal, so a crash leaves the old log or the new one, never
 * a mix; a temporary file or journal a kill left behind is removed when the folder is next loaded.
 *
 * <p>One process at a time may write a folder's log; within the JVM, every store on the same directory shares the
 * open journals, so two store objects never append to different generations.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private static final String LOG_MAGIC = "mailbridge-log 1 ";
    /** The first line of the one-file cursors written before the log: read as a snapshot of generation 0. */
    private static final String LEGACY_MAGIC = "mailbridge-cursor 1";
    /** Journals kept open across all stores of the JVM; more are closed (after a sync), least recently used first. */
    private static final int OPEN_JOURNALS = 128;

    /** One lock object per claims file in this JVM, however many stores point at the directory. */
    private static final ConcurrentMap<Path, Object> FILE_LOCKS = new ConcurrentHashMap<>();

    /** Each folder's generation and open journal, per cursor file in this JVM; guarded by the entry. */
    private static final ConcurrentMap<Path, Journal> JOURNALS = new ConcurrentHashMap<>();

    private static final Map<Path, Journal> OPEN = new LinkedHashMap<>(16, 0.75f, true);

    private final Path directory;

    public FileCheckpointStore(Path directory) {
        this.directory = directory;
    }

    /** One folder's log files. */
    private static final class Journal {
        final Path cursorFile;
        long generation = -1; // unknown until read

        @Nullable
        FileChannel channel;

        Journal(Path cursorFile) {
            this.cursorFile = cursorFile;
        }

        Path journalFile(long generation) {
            String name = cursorFile.getFileName().toString();
            return cursorFile.resolveSibling(
                    name.substring(0, name.length() - ".cursor".length()) + "." + generation + ".journal");
        }

        Path tempFile() {
            return cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
        }

        void close() throws IOException {
            FileChannel open = channel;
            channel = null;
            if (open != null) {
                try {
                    open.force(false); // closing alone would leave the entries to the page cache
                } finally {
                    open.close();
                }
            }
        }
    }

    @Override
    public Optional<CursorLog> load(String account, String folder) {
        Journal journal = journal(account, folder);
        synchronized (journal) {
            try {
                closeJournal(journal);
                Files.deleteIfExists(journal.tempFile()); // a replace that a kill interrupted
                String snapshot;
                long generation;
                List<String> lines;
                try {
                    lines = Files.readAllLines(journal.cursorFile, StandardCharsets.UTF_8);
                } catch (NoSuchFileException e) {
                    lines = null;
                }
                if (lines == null) {
                    snapshot = "";
                    generation = 0;
                } else if (!lines.isEmpty() && lines.get(0).startsWith(LOG_MAGIC)) {
                    generation = Long.parseLong(lines.get(0).substring(LOG_MAGIC.length()));
                    snapshot = String.join("\n", lines.subList(1, lines.size()));
                } else if (!lines.isEmpty() && lines.get(0).equals(LEGACY_MAGIC)) {
                    generation = 0;
                    snapshot = String.join("\n", lines);
                } else {
                    throw new IllegalStateException(
                            "checkpoint " + journal.cursorFile + " is not a Mailbridge cursor file");
                }
                journal.generation = generation;
                if (generation > 0) {
                    Files.deleteIfExists(journal.journalFile(generation - 1)); // left by a kill during replace
                }
                List<String> entries = readEntries(journal.journalFile(generation));
                if (lines == null && entries.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new CursorLog(snapshot, entries));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read checkpoint " + journal.cursorFile, e);
            }
        }
    }

    @Override
    public void append(String account, String folder, String entry) {
        byte[] line = CursorLogLines.frame(entry);
        Journal journal = journal(account, folder);
        synchronized (journal) {
            try {
                FileChannel channel = openJournal(journal);
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to checkpoint " + journal.cursorFile, e);
            }
        }
    }

    @Override
    public void sync(String account, String folder) {
        Journal journal = journal(account, folder);
        synchronized (journal) {
            FileChannel channel = journal.channel;
            if (channel == null) {
                return; // closed journals were forced when they were closed
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot sync checkpoint " + journal.cursorFile, e);
            }
        }
    }

    @Override
    public void replace(String account, String folder, String snapshot) {
        Journal journal = journal(account, folder);
        synchronized (journal) {
            try {
                long old = generation(journal);
                closeJournal(journal);
                long next = old + 1;
                writeAtomically(journal.tempFile(), journal.cursorFile, LOG_MAGIC + next + "\n" + snapshot + "\n");
                journal.generation = next;
                Files.deleteIfExists(journal.journalFile(old));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write checkpoint " + journal.cursorFile, e);
            }
        }
    }

    private Journal journal(String account, String folder) {
        Path file = fileFor(account, folder).toAbsolutePath().normalize();
        return JOURNALS.computeIfAbsent(file, Journal::new);
    }

    private long generation(Journal journal) throws IOException {
        if (journal.generation < 0) {
            try (var reader = Files.newBufferedReader(journal.cursorFile, StandardCharsets.UTF_8)) {
                String first = reader.readLine();
                journal.generation = first != null && first.startsWith(LOG_MAGIC)
                        ? Long.parseLong(first.substring(LOG_MAGIC.length()))
                        : 0;
            } catch (NoSuchFileException e) {
                journal.generation = 0;
            }
        }
        return journal.generation;
    }

    private FileChannel openJournal(Journal journal) throws IOException {
        FileChannel channel = journal.channel;
        if (channel == null) {
            Files.createDirectories(directory);
            channel = FileChannel.open(
                    journal.journalFile(generation(journal)),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            journal.channel = channel;
            List<Journal> evicted = new ArrayList<>();
            synchronized (OPEN) {
                OPEN.put(journal.cursorFile, journal);
                var oldest = OPEN.entrySet().iterator();
                while (OPEN.size() > OPEN_JOURNALS && oldest.hasNext()) {
                    Journal candidate = oldest.next().getValue();
                    if (candidate != journal) {
                        evicted.add(candidate);
                        oldest.remove();
                    }
                }
            }
            for (Journal other : evicted) {
                synchronized (other) {
                    other.close();
                }
            }
        } else {
            synchronized (OPEN) {
                OPEN.get(journal.cursorFile); // most recently used
            }
        }
        return channel;
    }

    private static void closeJournal(Journal journal) throws IOException {
        journal.close();
        synchronized (OPEN) {
            OPEN.remove(journal.cursorFile);
        }
    }

    /**
     * The entries of a journal up to the first torn one; the torn rest is cut off, so the next append does not follow
     * it.
     */
    private static List<String> readEntries(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        int start = 0;
        int valid = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                String entry = CursorLogLines.unframe(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                if (entry == null) {
                    break;
                }
                entries.add(entry);
                start = i + 1;
                valid = start;
            }
        }
        if (valid < bytes.length) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(valid);
                channel.force(false);
            }
        }
        return entries;
    }

    @Override
    public boolean claimAutoReply(String account, String recipient, Instant now, Duration period) {
        Path file = autoReplyFile(account);
        return exclusively(file, () -> {
            AutoReplyClaims claims = AutoReplyClaims.parse(readLines(file));
            if (!claims.claim(recipient, now, period)) {
                return false;
            }
            writeAtomically(file, claims.format());
            return true;
        });
    }

    @Override
    public void releaseAutoReply(String account, String recipient, Instant claimedAt) {
        Path file = autoReplyFile(account);
        exclusively(file, () -> {
            AutoReplyClaims claims = AutoReplyClaims.parse(readLines(file));
            claims.release(recipient, claimedAt);
            writeAtomically(file, claims.format());
            return null;
        });
    }

    /**
     * Runs a read-modify-write of {@code file} alone: against other threads, including other store objects on the same
     * directory, through a lock per file in this JVM; against other processes sharing the directory through an
     * operating-system lock on a companion file (which alone would not do, as the JVM refuses overlapping locks).
     */
    private <T> T exclusively(Path file, Supplier<T> action) {
        Object inThisJvm = FILE_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object());
        synchronized (inThisJvm) {
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try {
                Files.createDirectories(directory);
                try (FileChannel channel =
                                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock ignored = channel.lock()) {
                    return action.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + lockFile, e);
            }
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void writeAtomically(Path file, String text) {
        try {
            writeAtomically(file.resolveSibling(file.getFileName() + ".tmp"), file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Writes {@code text} to {@code temp}, forces it, and renames it over {@code file}. The temporary file has a fixed
     * name, so one a kill left behind is overwritten by the next write rather than piling up.
     */
    private void writeAtomically(Path temp, Path file, String text) throws IOException {
        Files.createDirectories(directory);
        try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true); // the rename itself survives a power loss
        } catch (IOException e) {
            // some file systems cannot open a directory; the rename is still atomic
        }
    }

    private Path autoReplyFile(String account) {
        return directory.resolve(hash(account + "\n") + ".autoreplies");
    }

    private Path fileFor(String account, String folder) {
        return directory.resolve(hash(account + "\n" + folder) + ".cursor");
    }

    private static String hash(String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
