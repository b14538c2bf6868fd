package vsam.algorithm.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer rule of a run folder (docs/ARCHITECTURE.md, "Outputs of a run"): whoever writes a
 * folder — a run, a resumed run, a comparison, the desktop app — first takes an exclusive operating-system
 * lock on its {@code run.lock} file and holds it until it has written its last file.
 *
 * <p>The lock file holds the process id of its holder, so a second writer is told who holds the folder.
 * The lock itself ({@link FileChannel#tryLock()}) belongs to the process: the operating system releases it
 * when the process dies, however it dies, so a lock file left by a killed run is simply taken over. The file
 * is never deleted, because deleting it would let a third writer lock a new file while a second still
 * holds the old one.
 *
 * <p>Operating-system locks cannot tell two writers in one JVM apart (and on Linux, closing any channel of
 * the file drops the process's lock), so the folders this JVM holds are also kept in a set, checked first.
 */
public final class RunFolderLock implements AutoCloseable {

    /** The lock file's name inside the run folder. */
    public static final String FILE = "run.lock";

    /** The folders (real paths) locked by this JVM. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private final OptionalLong previousHolder;

    private RunFolderLock(Path key, FileChannel channel, FileLock lock, OptionalLong previousHolder) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
        this.previousHolder = previousHolder;
    }

    /**
     * Takes the lock of {@code folder}, which must exist, and writes this process's id into it.
     *
     * @throws RunFolderException naming the folder and the holder's process id when another writer holds
     *                            it (in this process or another), or when the lock file cannot be written
     */
    public static RunFolderLock acquire(Path folder) {
        Path key;
        try {
            key = folder.toRealPath();
        } catch (IOException e) {
            throw new RunFolderException("cannot lock run folder " + folder + ": " + describe(e));
        }
        if (!HELD.add(key)) {
            throw inUse(folder, OptionalLong.of(ProcessHandle.current().pid()));
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            OptionalLong holder = readHolder(channel);
            if (lock == null) {
                throw inUse(folder, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new RunFolderLock(key, channel, lock, holder);
        } catch (IOException e) {
            release(key, channel);
            throw new RunFolderException("cannot lock run folder " + folder + ": " + describe(e));
        } catch (RunFolderException e) {
            release(key, channel);
            throw e;
        }
    }

    private static RunFolderException inUse(Path folder, OptionalLong holder) {
        return new RunFolderException("run folder " + folder + " is in use by "
                + (holder.isPresent() ? "process " + holder.getAsLong() : "another process")
                + "; wait for it to finish or stop it first (a run folder has one writer)");
    }

    /**
     * The process id a lock file named when this lock was taken over — a writer that died without
     * releasing it (killed, crashed) — or empty when the file was new or empty.
     */
    public OptionalLong previousHolder() {
        return previousHolder;
    }

    /** Releases the lock; the file stays, holding the last writer's id. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        release(key, channel);
    }

    private static OptionalLong readHolder(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        channel.read(b, 0);
        String text = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
        try {
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Closes {@code channel} (when open), then lets this JVM lock {@code key} again. */
    private static void release(Path key, FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the lock goes with the channel either way
        } finally {
            HELD.remove(key);
        }
    }
}
