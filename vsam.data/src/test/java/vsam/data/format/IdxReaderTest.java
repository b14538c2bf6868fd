package vsam.data.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.api.model.Shape;
import vsam.data.DataException;
import vsam.data.Dataset;

class IdxReaderTest {

    private static final Optional<Shape> ANY = Optional.empty();

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private DataException failure(Path images, Path labels, Optional<Shape> shape) {
        return assertThrows(DataException.class, () -> IdxReader.read(images, labels, "t", 10, shape));
    }

    private static void assertNames(DataException e, Path file, String problem) {
        String m = e.getMessage();
        assertTrue(m.contains(file.getFileName().toString()), () -> "message lacks the file name: " + m);
        assertTrue(m.contains(problem), () -> "message lacks '" + problem + "': " + m);
        assertFalse(m.contains("\n"), "message must be one line");
    }

    @Test
    void readsRawFiles() throws IOException {
        Path x = write("train-images-idx3-ubyte", IdxBytes.validImages(7, 3, 4));
        Path y = write("train-labels-idx1-ubyte", IdxBytes.validLabels(7, 10));
        Dataset d = IdxReader.read(x, y, "small", 10, Optional.of(new Shape(1, 3, 4)));
        assertEquals(7, d.size());
        assertEquals(new Shape(1, 3, 4), d.shape());
        assertEquals(10, d.classes());
        assertEquals("small", d.name());
        assertArrayEquals(IdxBytes.pixels(7, 3, 4), d.pixels());
        assertEquals(6, d.label(6));
    }

    @Test
    void readsGzipFilesAndDetectsCompressionByContentNotName() throws IOException {
        byte[] images = IdxBytes.validImages(5, 2, 2);
        byte[] labels = IdxBytes.validLabels(5, 3);
        // compressed content under a plain name, plain content under a .gz name
        Path x = write("images-idx3-ubyte", IdxWriter.gzip(images));
        Path y = write("labels-idx1-ubyte.gz", labels);
        Dataset d = IdxReader.read(x, y, "mixed", 3, ANY);
        assertArrayEquals(IdxBytes.pixels(5, 2, 2), d.pixels());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1}, d.labels());
    }

    @Test
    void writerOutputReadsBackIdentically() throws IOException {
        Dataset d = IdxReader.read(NamedInput.of("x", IdxBytes.validImages(9, 5, 3)),
                NamedInput.of("y", IdxBytes.validLabels(9, 4)), "d", 4, ANY);
        for (boolean gzip : new boolean[] {false, true}) {
            Path x = dir.resolve("x" + gzip);
            Path y = dir.resolve("y" + gzip);
            IdxWriter.write(d, x, y, gzip);
            Dataset back = IdxReader.read(x, y, "back", 4, ANY);
            assertArrayEquals(d.pixels(), back.pixels());
            assertArrayEquals(d.labels(), back.labels());
            assertEquals(gzip, Files.readAllBytes(x)[0] == 0x1F);
        }
        assertArrayEquals(IdxWriter.gzip(IdxWriter.imageBytes(d)), IdxWriter.gzip(IdxWriter.imageBytes(d)),
                "gzip output is reproducible");
    }

    @Test
    void missingFileIsNamed() throws IOException {
        Path y = write("labels", IdxBytes.validLabels(2, 10));
        Path x = dir.resolve("no-such-images-idx3-ubyte.gz");
        assertNames(failure(x, y, ANY), x, "file not found");
        assertNames(failure(y, dir.resolve("absent-labels"), ANY), dir.resolve("absent-labels"), "file not found");
    }

    @Test
    void folderInsteadOfFileIsNamed() throws IOException {
        Path y = write("labels", IdxBytes.validLabels(2, 10));
        Path sub = Files.createDirectory(dir.resolve("a-folder"));
        assertNames(failure(sub, y, ANY), sub, "folder");
    }

    @Test
    void labelFileGivenAsImagesHasWrongMagic() throws IOException {
        Path y = write("t10k-labels-idx1-ubyte.gz", IdxWriter.gzip(IdxBytes.validLabels(3, 10)));
        Path y2 = write("copy-labels", IdxBytes.validLabels(3, 10));
        DataException e = failure(y, y2, ANY);
        assertNames(e, y, "wrong magic number 0x00000801, expected 0x00000803 (an IDX image file)");
        assertTrue(e.getMessage().contains("looks like an IDX label file"));
    }

    @Test
    void imageFileGivenAsLabelsHasWrongMagic() throws IOException {
        Path x = write("t10k-images-idx3-ubyte", IdxBytes.validImages(3, 2, 2));
        Path y = write("t10k-labels-idx1-ubyte.gz", IdxWriter.gzip(IdxBytes.validImages(3, 2, 2)));
        DataException e = failure(x, y, ANY);
        assertEquals("t10k-labels-idx1-ubyte.gz", y.getFileName().toString());
        assertTrue(e.getMessage().endsWith("t10k-labels-idx1-ubyte.gz: wrong magic number 0x00000803, expected 0x00000801 "
                + "(an IDX label file); it looks like an IDX image file"), e.getMessage());
    }

    @Test
    void truncatedPixelsAreReported() throws IOException {
        byte[] full = IdxBytes.validImages(4, 3, 3);
        Path x = write("short-images", Arrays.copyOf(full, full.length - 5));
        Path y = write("labels", IdxBytes.validLabels(4, 10));
        assertNames(failure(x, y, ANY), x, "truncated: only 31 of the 36 pixel bytes");
        Path xz = write("short-images.gz", IdxWriter.gzip(Arrays.copyOf(full, full.length - 5)));
        assertNames(failure(xz, y, ANY), xz, "truncated");
    }

    @Test
    void truncatedHeaderAndEmptyFileAreReported() throws IOException {
        Path y = write("labels", IdxBytes.validLabels(4, 10));
        Path x = write("header-only-images", Arrays.copyOf(IdxBytes.validImages(4, 3, 3), 10));
        assertNames(failure(x, y, ANY), x, "truncated: the data ends inside the row count");
        Path empty = write("empty-images", new byte[0]);
        assertNames(failure(empty, y, ANY), empty, "empty file");
    }

    @Test
    void truncatedGzipStreamIsReported() throws IOException {
        byte[] gz = IdxWriter.gzip(IdxBytes.validImages(40, 8, 8));
        Path x = write("cut-images.gz", Arrays.copyOf(gz, gz.length / 2));
        Path y = write("labels", IdxBytes.validLabels(40, 10));
        assertNames(failure(x, y, ANY), x, "truncated");
        Path tiny = write("cut-header.gz", Arrays.copyOf(gz, 5));
        assertNames(failure(tiny, y, ANY), tiny, "truncated");
    }

    @Test
    void corruptGzipIsReported() throws IOException {
        byte[] gz = IdxWriter.gzip(IdxBytes.validImages(40, 8, 8));
        for (int i = 12; i < gz.length - 8; i += 7) {
            gz[i] ^= 0x5A;
        }
        Path x = write("corrupt-images.gz", gz);
        Path y = write("labels", IdxBytes.validLabels(40, 10));
        DataException e = failure(x, y, ANY);
        assertNames(e, x, "");
    }

    @Test
    void trailingDataIsReported() throws IOException {
        byte[] full = IdxBytes.validImages(4, 3, 3);
        Path x = write("long-images", Arrays.copyOf(full, full.length + 3));
        Path y = write("labels", IdxBytes.validLabels(4, 10));
        assertNames(failure(x, y, ANY), x, "longer than its header says");
        Path yl = write("long-labels", Arrays.copyOf(IdxBytes.validLabels(4, 10), 13));
        assertNames(failure(x, yl, ANY), yl, "longer than its header says");
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path x = write("images-10", IdxBytes.validImages(10, 2, 2));
        Path y = write("labels-9", IdxBytes.validLabels(9, 10));
        DataException e = failure(x, y, ANY);
        assertNames(e, x, "10 images, but");
        assertTrue(e.getMessage().contains("labels-9 holds 9 labels"), e.getMessage());
    }

    @Test
    void labelOutOfRangeIsReported() throws IOException {
        byte[] labels = IdxBytes.labelValues(6, 10);
        labels[4] = 10;
        Path x = write("images", IdxBytes.validImages(6, 2, 2));
        Path y = write("bad-labels", IdxBytes.labels(IdxReader.LABELS_MAGIC, 6, labels));
        assertNames(failure(x, y, ANY), y, "label 10 of example 4 is outside [0, 10)");
        labels[4] = (byte) 255;
        Path y2 = write("bad-labels-255", IdxBytes.labels(IdxReader.LABELS_MAGIC, 6, labels));
        assertNames(failure(x, y2, ANY), y2, "label 255 of example 4");
    }

    @Test
    void wrongImageSizeIsReported() throws IOException {
        Path x = write("cifar-sized-images", IdxBytes.validImages(3, 32, 32));
        Path y = write("labels", IdxBytes.validLabels(3, 10));
        assertNames(failure(x, y, Optional.of(new Shape(1, 28, 28))), x, "wrong image size 32x32, expected 28x28");
    }

    @Test
    void impossibleHeadersAreReported() throws IOException {
        Path y = write("labels", IdxBytes.validLabels(3, 10));
        Path zeroRows = write("zero-rows", IdxBytes.images(IdxReader.IMAGES_MAGIC, 3, 0, 4, new byte[0]));
        assertNames(failure(zeroRows, y, ANY), zeroRows, "impossible image size 0x4");
        Path negative = write("negative-count", IdxBytes.images(IdxReader.IMAGES_MAGIC, -3, 2, 2, new byte[12]));
        assertNames(failure(negative, y, ANY), negative, "impossible image count");
        Path huge = write("huge", IdxBytes.images(IdxReader.IMAGES_MAGIC, 3, 60_000, 60_000, new byte[12]));
        assertNames(failure(huge, y, ANY), huge, "too large");
        Path noLabels = write("no-labels", IdxBytes.labels(IdxReader.LABELS_MAGIC, 0, new byte[0]));
        assertNames(failure(huge, noLabels, ANY), noLabels, "holds no labels");
    }

    @Test
    void lyingCountFailsAsTruncatedWithoutHugeAllocation() throws IOException {
        Path y = write("labels", IdxBytes.labels(IdxReader.LABELS_MAGIC, 2_000_000_000, new byte[20]));
        Path x = write("images", IdxBytes.validImages(3, 2, 2));
        assertNames(failure(x, y, ANY), y, "truncated: only 20 of the 2000000000 label bytes");
    }
}
