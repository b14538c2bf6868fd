package vsam.algorithm.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The checkpoint files of a run folder: {@code checkpoint.bin} (the latest) and
 * {@code checkpoint.prev.bin} (the one before). A save writes a temporary file, forces it to disk, keeps the
 * current latest as the previous one, then renames the temporary file into place: a crash at any moment
 * leaves at least one complete checkpoint. A file is {@code "VSAMCKP1"}, the payload length, the payload,
 * and the CRC-32 of the payload; loading verifies all of it and falls back to the previous checkpoint when
 * the latest is damaged.
 */
public final class CheckpointStore {

    private static final byte[] MAGIC = {'V', 'S', 'A', 'M', 'C', 'K', 'P', '1'};
    /** Name of the latest checkpoint in a run folder. */
    public static final String LATEST = "checkpoint.bin";
    /** Name of the previous checkpoint in a run folder. */
    public static final String PREVIOUS = "checkpoint.prev.bin";

    private final Path folder;
    private final List<String> warnings = new ArrayList<>();

    public CheckpointStore(Path folder) {
        this.folder = folder;
    }

    /**
     * Atomically replaces the latest checkpoint, keeping the one it replaces as the previous; when the
     * write fails, the temporary file is removed and the checkpoints already there stay as they were.
     */
    public void save(Checkpoint checkpoint) throws IOException {
        byte[] payload = checkpoint.toBytes();
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer file = ByteBuffer.allocate(MAGIC.length + 4 + payload.length + 8);
        file.put(MAGIC).putInt(payload.length).put(payload).putLong(crc.getValue()).flip();
        Path latest = folder.resolve(LATEST);
        Path tmp = AtomicFiles.temporary(latest);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (file.hasRemaining()) {
                    ch.write(file);
                }
                ch.force(true);
            }
            if (Files.exists(latest)) {
                AtomicFiles.replace(latest, folder.resolve(PREVIOUS));
            }
            AtomicFiles.replace(tmp, latest);
        } catch (IOException e) {
            // A half-written temporary file is of no use, and on a nearly full disk it takes the space a later
            // checkpoint needs.
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** True when the folder holds a checkpoint file, intact or not. */
    public boolean anyExists() {
        return Files.exists(folder.resolve(LATEST)) || Files.exists(folder.resolve(PREVIOUS));
    }

    /**
     * The latest intact checkpoint: {@code checkpoint.bin}, or {@code checkpoint.prev.bin} when the latest
     * is missing or damaged (the reason is kept in {@link #warnings()}).
     *
     * @throws CheckpointException when neither file holds an intact checkpoint
     */
    public Checkpoint loadLatest() {
        List<String> problems = new ArrayList<>();
        for (String name : List.of(LATEST, PREVIOUS)) {
            Path p = folder.resolve(name);
            try {
                Checkpoint c = read(p);
                warnings.addAll(problems);
                return c;
            } catch (NoSuchFileException e) {
                problems.add(p + ": missing");
            } catch (IOException e) {
                problems.add(p + ": " + e.getMessage());
            }
        }
        throw new CheckpointException("no usable checkpoint in " + folder + " (" + String.join("; ", problems) + ")");
    }

    /** Why checkpoints were skipped during the last {@link #loadLatest()}. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Reads and verifies one checkpoint file. */
    public static Checkpoint read(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        if (bytes.length < MAGIC.length + 12) {
            throw new IOException("truncated (" + bytes.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a vSAM checkpoint (wrong magic)");
        }
        int length = b.getInt();
        if (length < 0 || length != bytes.length - MAGIC.length - 12) {
            throw new IOException("truncated or padded: header says " + length + " payload bytes, file has "
                    + (bytes.length - MAGIC.length - 12));
        }
        byte[] payload = new byte[length];
        b.get(payload);
        CRC32 crc = new CRC32();
        crc.update(payload);
        if (crc.getValue() != b.getLong()) {
            throw new IOException("checksum mismatch (corrupted)");
        }
        try {
            return Checkpoint.fromBytes(payload);
        } catch (IOException | RuntimeException e) {
            throw new IOException("unreadable payload: " + e.getMessage());
        }
    }
}
