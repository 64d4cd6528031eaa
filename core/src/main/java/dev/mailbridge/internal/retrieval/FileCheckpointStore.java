package dev.mailbridge.internal.retrieval;

import dev.mailbridge.internal.sending.AutoReplyClaims;
import dev.mailbridge.retrieval.CheckpointStore;
import dev.mailbridge.retrieval.FolderCursor;
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
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * One small text file per account and folder, named by a hash of both. A save writes a temporary file, forces it to
 * disk and renames it over the old one atomically, so a crash leaves either the old cursor or the new one, never a torn
 * file.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private static final String MAGIC = "mailbridge-cursor 1";

    /** One lock object per claims file in this JVM, however many stores point at the directory. */
    private static final ConcurrentMap<Path, Object> FILE_LOCKS = new ConcurrentHashMap<>();

    private final Path directory;

    public FileCheckpointStore(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<FolderCursor> load(String account, String folder) {
        Path file = fileFor(account, folder);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
            throw new IllegalStateException("checkpoint " + file + " is not a Mailbridge cursor file");
        }
        long uidValidity = -1;
        long lastUid = 0;
        Instant lastReceived = null;
        Set<String> retry = new LinkedHashSet<>();
        Set<String> handled = new LinkedHashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            switch (key) {
                case "uidvalidity" -> uidValidity = Long.parseLong(value);
                case "lastuid" -> lastUid = Long.parseLong(value);
                case "lastreceived" -> lastReceived = Instant.parse(value);
                case "retry" -> retry.add(value);
                case "handled" -> handled.add(value);
                default -> {
                    // written by a newer version: ignore what we do not know
                }
            }
        }
        return Optional.of(new FolderCursor(uidValidity, lastUid, retry, handled, lastReceived));
    }

    @Override
    public void save(String account, String folder, FolderCursor cursor) {
        StringBuilder text = new StringBuilder(MAGIC).append('\n');
        text.append("# account=")
                .append(oneLine(account))
                .append(" folder=")
                .append(oneLine(folder))
                .append('\n');
        text.append("uidvalidity=").append(cursor.uidValidity()).append('\n');
        text.append("lastuid=").append(cursor.lastUid()).append('\n');
        if (cursor.lastReceivedAt() != null) {
            text.append("lastreceived=").append(cursor.lastReceivedAt()).append('\n');
        }
        for (String id : cursor.retryIds()) {
            text.append("retry=").append(oneLine(id)).append('\n');
        }
        for (String key : cursor.handledKeys()) {
            text.append("handled=").append(oneLine(key)).append('\n');
        }
        writeAtomically(fileFor(account, folder), text.toString());
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
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, ".cursor-", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
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

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
