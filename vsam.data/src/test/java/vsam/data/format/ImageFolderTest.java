package vsam.data.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.api.model.Shape;
import vsam.data.DataException;
import vsam.data.Dataset;

/** An image folder written from a data set reads back as that data set; a broken folder is refused by name. */
class ImageFolderTest {

    private static Dataset random(int n, Shape shape, int classes, long seed) {
        Random r = new Random(seed);
        byte[] pixels = new byte[(int) (n * shape.elements())];
        r.nextBytes(pixels);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes; // every class present
        }
        return new Dataset("random", shape, classes, pixels, labels);
    }

    /** The images of {@code d} grouped by class in folder order (class, then file name), as the reader lists them. */
    private static void assertSameImagesPerClass(Dataset written, Dataset read) {
        assertEquals(written.size(), read.size());
        assertEquals(written.classes(), read.classes());
        int e = (int) written.shape().elements();
        for (int c = 0; c < written.classes(); c++) {
            List<String> a = new java.util.ArrayList<>();
            List<String> b = new java.util.ArrayList<>();
            for (int i = 0; i < written.size(); i++) {
                if (written.labels()[i] == c) {
                    a.add(Arrays.toString(Arrays.copyOfRange(written.pixels(), i * e, (i + 1) * e)));
                }
                if (read.labels()[i] == c) {
                    b.add(Arrays.toString(Arrays.copyOfRange(read.pixels(), i * e, (i + 1) * e)));
                }
            }
            a.sort(null);
            b.sort(null);
            assertEquals(a, b, "the images of class " + c);
        }
    }

    @Test
    void grayAndColourFoldersReadBackPixelForPixel(@TempDir Path dir) throws IOException {
        Dataset gray = random(30, new Shape(1, 28, 28), 12, 1);
        ImageFolder.write(gray, dir.resolve("g"), "train");
        ImageFolder.write(gray, dir.resolve("g"), "test");
        assertEquals("00", ImageFolder.classes(dir.resolve("g")).get(0), "zero-padded, so sorted order is class order");
        assertSameImagesPerClass(gray, ImageFolder.read(dir.resolve("g"), "train", 28, 1));

        Dataset colour = random(9, new Shape(3, 32, 32), 3, 2);
        ImageFolder.write(colour, dir.resolve("c"), "train");
        assertSameImagesPerClass(colour, ImageFolder.read(dir.resolve("c"), "train", 32, 3));
        Dataset asGray = ImageFolder.read(dir.resolve("c"), "train", 28, 1);
        assertEquals(new Shape(1, 28, 28), asGray.shape(), "scaled and made gray on request");
    }

    @Test
    void aBrokenImageAnEmptyClassAndAStrayClassAreNamed(@TempDir Path dir) throws IOException {
        Dataset d = random(6, new Shape(1, 28, 28), 2, 3);
        ImageFolder.write(d, dir, "train");
        ImageFolder.write(d, dir, "test");
        Path broken = dir.resolve("train").resolve("0").resolve("zz.png");
        byte[] junk = new byte[64];
        new Random(4).nextBytes(junk);
        Files.write(broken, junk);
        DataException e = assertThrows(DataException.class, () -> ImageFolder.read(dir, "train", 28, 1));
        assertTrue(e.getMessage().startsWith(broken.toString()), e.getMessage());
        Files.delete(broken);

        Files.createDirectories(dir.resolve("train").resolve("2"));
        DataException empty = assertThrows(DataException.class, () -> ImageFolder.read(dir, "train", 28, 1));
        assertEquals(dir.resolve("train").resolve("2") + ": an empty class folder (no .png, .jpg or .jpeg files)", empty.getMessage());
        Files.delete(dir.resolve("train").resolve("2"));

        Files.createDirectories(dir.resolve("test").resolve("9"));
        DataException stray = assertThrows(DataException.class, () -> ImageFolder.read(dir, "test", 28, 1));
        assertTrue(stray.getMessage().contains("a class the training split does not have"), stray.getMessage());
    }

    @Test
    void damagedImagesOnlyEverGiveADataException(@TempDir Path dir) throws IOException {
        Dataset d = random(2, new Shape(1, 28, 28), 1, 5);
        ImageFolder.write(d, dir, "train");
        Path file = dir.resolve("train").resolve("0").resolve("0.png");
        byte[] valid = Files.readAllBytes(file);
        Random r = new Random(6);
        for (int i = 0; i < 300; i++) {
            byte[] b = valid.clone();
            switch (r.nextInt(3)) {
                case 0 -> {
                    for (int k = 0; k < 1 + r.nextInt(8); k++) {
                        b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                    }
                }
                case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length));
                default -> r.nextBytes(b);
            }
            Files.write(file, b);
            try {
                Dataset read = ImageFolder.read(dir, "train", 28, 1);
                assertEquals(2, read.size(), "a damage the PNG reader tolerates still gives whole images");
            } catch (DataException expected) {
                assertTrue(expected.getMessage().contains(file.toString()) || expected.getMessage().contains("0.png"),
                        expected.getMessage());
            }
        }
    }
}
