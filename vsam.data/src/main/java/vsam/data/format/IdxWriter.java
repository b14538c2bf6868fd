package vsam.data.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import vsam.data.DataException;
import vsam.data.Dataset;

/**
 * Writes a one-channel {@link Dataset} as the IDX image and label files that {@link IdxReader} reads,
 * optionally gzip-compressed at the highest level. The output is byte-for-byte reproducible (Java's
 * gzip header carries no time stamp), which is what lets the embedded subset be regenerated and
 * compared.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /** The IDX image file of {@code data}: magic {@code 0x00000803}, count, rows, columns, pixels. */
    public static byte[] imageBytes(Dataset data) {
        if (data.shape().channels() != 1) {
            throw new IllegalArgumentException(data.name() + ": IDX image files hold one channel, not "
                    + data.shape().channels());
        }
        ByteBuffer header = ByteBuffer.allocate(16)
                .putInt(IdxReader.IMAGES_MAGIC).putInt(data.size())
                .putInt(data.shape().height()).putInt(data.shape().width());
        byte[] out = new byte[16 + data.pixels().length];
        System.arraycopy(header.array(), 0, out, 0, 16);
        System.arraycopy(data.pixels(), 0, out, 16, data.pixels().length);
        return out;
    }

    /** The IDX label file of {@code data}: magic {@code 0x00000801}, count, one byte per label. */
    public static byte[] labelBytes(Dataset data) {
        if (data.classes() > 256) {
            throw new IllegalArgumentException(data.name() + ": IDX label bytes hold at most 256 classes");
        }
        ByteBuffer out = ByteBuffer.allocate(8 + data.size()).putInt(IdxReader.LABELS_MAGIC).putInt(data.size());
        for (int i = 0; i < data.size(); i++) {
            out.put((byte) data.label(i));
        }
        return out.array();
    }

    /** {@code bytes} gzip-compressed at the highest level, with the fixed header Java writes. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(bytes.length / 2 + 64);
        try (OutputStream out = new BestGzip(buffer)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("compressing into memory cannot fail", e);
        }
        return buffer.toByteArray();
    }

    /** Writes both files of {@code data}, compressed when {@code gzip} is set. */
    public static void write(Dataset data, Path images, Path labels, boolean gzip) {
        byte[] x = imageBytes(data);
        byte[] y = labelBytes(data);
        writeFile(images, gzip ? gzip(x) : x);
        writeFile(labels, gzip ? gzip(y) : y);
    }

    private static void writeFile(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw DataException.about(file.toString(), "cannot write: " + e.getMessage(), e);
        }
    }

    /** A gzip stream at {@link Deflater#BEST_COMPRESSION}. */
    private static final class BestGzip extends GZIPOutputStream {
        BestGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}
