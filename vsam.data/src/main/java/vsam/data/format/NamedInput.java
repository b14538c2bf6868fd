package vsam.data.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A source of bytes with the name that error messages show: a file on disk, a resource inside a
 * module, or bytes in memory (tests). The readers open it once, detect gzip compression from the
 * first two bytes ({@code 1f 8b}) and close it again.
 *
 * @param name   what messages call it, e.g. the file's path
 * @param opener opens a fresh stream over the whole content; it may throw {@link IOException}
 *               ({@link NoSuchFileException} when the content does not exist)
 */
public record NamedInput(String name, Opener opener) {

    /** Opens a fresh stream over the whole content. */
    @FunctionalInterface
    public interface Opener {
        /** A new stream positioned at the first byte; the caller closes it. */
        InputStream open() throws IOException;
    }

    /** Checks that name and opener are given. */
    public NamedInput {
        if (name == null || opener == null) {
            throw new IllegalArgumentException("an input needs a name and an opener");
        }
    }

    /** A file on disk, named by its path. */
    public static NamedInput of(Path file) {
        return new NamedInput(file.toString(), () -> {
            if (Files.isDirectory(file)) {
                throw new IOException("is a folder, not a file");
            }
            return Files.newInputStream(file);
        });
    }

    /** Bytes in memory under a name (the array is not copied; do not change it while reading). */
    public static NamedInput of(String name, byte[] content) {
        return new NamedInput(name, () -> new ByteArrayInputStream(content));
    }

    /**
     * A resource of {@code anchor}'s module, found relative to {@code anchor}'s package (resources in
     * the same module's packages are readable without {@code opens}).
     */
    public static NamedInput resource(Class<?> anchor, String resourceName) {
        String name = anchor.getPackageName().replace('.', '/') + "/" + resourceName;
        return new NamedInput(name, () -> {
            InputStream in = anchor.getResourceAsStream(resourceName);
            if (in == null) {
                throw new NoSuchFileException(resourceName, null, "resource not found beside " + anchor.getName());
            }
            return in;
        });
    }
}
