package vsam.algorithm.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How a run folder's files are replaced so that a reader never sees half a file (docs/ARCHITECTURE.md,
 * "Outputs of a run"): the new content goes to a temporary sibling ({@link #temporary}), which is then
 * renamed over the target, atomically where the file system can.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** The temporary sibling a new version of {@code target} is written to: its name with {@code .tmp} appended. */
    public static Path temporary(Path target) {
        return target.resolveSibling(target.getFileName() + ".tmp");
    }

    /** Writes {@code text} (UTF-8) to {@link #temporary}, then renames it over {@code target}; on failure the temporary file goes. */
    public static void write(Path target, String text) throws IOException {
        Path tmp = temporary(target);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            replace(tmp, target);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Renames {@code source} to {@code target}, replacing it: atomically, or as a plain rename where that is not supported. */
    public static void replace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
