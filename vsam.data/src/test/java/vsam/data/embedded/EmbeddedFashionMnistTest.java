package vsam.data.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vsam.api.model.Shape;
import vsam.data.Dataset;

class EmbeddedFashionMnistTest {

    private static final Path SYSTEM = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void subsetHas6000TrainingAnd1000TestImagesBalancedOverTenClasses() {
        Dataset train = EmbeddedFashionMnist.train();
        Dataset test = EmbeddedFashionMnist.test();
        assertEquals(6000, train.size());
        assertEquals(1000, test.size());
        assertEquals(new Shape(1, 28, 28), train.shape());
        assertEquals(10, train.classes());
        for (int c = 0; c < 10; c++) {
            assertEquals(600, train.classCounts()[c]);
            assertEquals(100, test.classCounts()[c]);
        }
    }

    @Test
    void resourceFilesAreSmall() throws IOException {
        Path folder = Path.of("src/main/resources/vsam/data/embedded");
        assumeTrue(Files.isDirectory(folder), "run from the module folder");
        long total;
        try (Stream<Path> files = Files.list(folder)) {
            total = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(total <= 5_000_000, "embedded data set takes " + total + " bytes");
        assertTrue(Files.exists(folder.resolve("LICENSE")));
        assertTrue(Files.readString(folder.resolve("LICENSE")).contains("Copyright (c) 2017 Zalando SE"));
    }

    @Test
    void subsetFollowsTheDocumentedRuleWhenTheFullDataSetIsInstalled() {
        assumeTrue(Files.isRegularFile(SYSTEM.resolve("train-images-idx3-ubyte.gz")), "Debian's dataset-fashion-mnist is not installed");
        Dataset train = EmbeddedSubsetTool.subset(SYSTEM, "train", 600);
        Dataset test = EmbeddedSubsetTool.subset(SYSTEM, "t10k", 100);
        assertArrayEquals(train.pixels(), EmbeddedFashionMnist.train().pixels());
        assertArrayEquals(train.labels(), EmbeddedFashionMnist.train().labels());
        assertArrayEquals(test.pixels(), EmbeddedFashionMnist.test().pixels());
        assertArrayEquals(test.labels(), EmbeddedFashionMnist.test().labels());
    }

    @Test
    void firstPerClassKeepsFileOrder() {
        byte[] pixels = new byte[8];
        for (int i = 0; i < 8; i++) {
            pixels[i] = (byte) i;
        }
        Dataset d = new Dataset("d", new Shape(1, 1, 1), 2, pixels, new int[] {1, 1, 1, 0, 1, 0, 0, 0});
        Dataset s = EmbeddedSubsetTool.firstPerClass(d, 2);
        assertArrayEquals(new int[] {1, 1, 0, 0}, s.labels());
        assertArrayEquals(new byte[] {0, 1, 3, 5}, s.pixels());
    }
}
