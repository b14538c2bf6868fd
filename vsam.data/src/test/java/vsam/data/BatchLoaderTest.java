package vsam.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vsam.api.model.Shape;
import vsam.api.network.BatchSource;
import vsam.api.network.HostBatch;
import vsam.data.pipeline.Augmentation;
import vsam.data.pipeline.Normalisation;

class BatchLoaderTest {

    private static final Shape SHAPE = new Shape(1, 4, 4);

    /** {@code n} images whose first two pixels encode the index ({@code i % 256}, {@code i / 256}). */
    private static Dataset indexed(int n) {
        byte[] p = new byte[n * SHAPE.elements()];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            p[i * SHAPE.elements()] = (byte) (i % 256);
            p[i * SHAPE.elements() + 1] = (byte) (i / 256);
            for (int k = 2; k < SHAPE.elements(); k++) {
                p[i * SHAPE.elements() + k] = (byte) (i * 3 + k);
            }
            y[i] = i % 10;
        }
        return new Dataset("indexed", SHAPE, 10, p, y);
    }

    /** The example index encoded in example {@code j} of {@code b} (unit-range normalisation). */
    private static int index(HostBatch b, int j) {
        int lo = Math.round(b.features()[j * SHAPE.elements()] * 255);
        int hi = Math.round(b.features()[j * SHAPE.elements() + 1] * 255);
        return lo + 256 * hi;
    }

    private static List<float[]> drain(BatchSource.Batches batches, List<int[]> labels) {
        List<float[]> out = new ArrayList<>();
        while (batches.hasNext()) {
            HostBatch b = batches.next();
            out.add(Arrays.copyOf(b.features(), b.size() * SHAPE.elements()));
            labels.add(Arrays.copyOf(b.labels(), b.size()));
        }
        return out;
    }

    @Test
    void testSetYieldsEveryExampleOnceInFileOrderWithTheLastPartialBatch() {
        Dataset d = indexed(1000);
        BatchLoader loader = new BatchLoader(d, Normalisation.unitRange(1), LoaderOptions.evaluation(64));
        assertEquals(16, loader.batchesPerEpoch());
        for (int epoch = 0; epoch < 2; epoch++) {
            int[] seen = new int[1000];
            int next = 0;
            try (BatchSource.Batches batches = loader.epoch(epoch)) {
                while (batches.hasNext()) {
                    HostBatch b = batches.next();
                    for (int j = 0; j < b.size(); j++) {
                        int i = index(b, j);
                        assertEquals(next++, i, "file order");
                        assertEquals(d.label(i), b.labels()[j]);
                        seen[i]++;
                    }
                }
                assertThrows(NoSuchElementException.class, batches::next);
            }
            for (int c : seen) {
                assertEquals(1, c);
            }
        }
    }

    @Test
    void trainingShufflesEveryEpochAndDropsTheLastPartialBatch() {
        Dataset d = indexed(1000);
        BatchLoader loader = new BatchLoader(d, Normalisation.unitRange(1), LoaderOptions.training(64, 5));
        assertEquals(15, loader.batchesPerEpoch());
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (int epoch = 0; epoch < 2; epoch++) {
            List<Integer> order = epoch == 0 ? first : second;
            try (BatchSource.Batches batches = loader.epoch(epoch)) {
                while (batches.hasNext()) {
                    HostBatch b = batches.next();
                    assertEquals(64, b.size());
                    for (int j = 0; j < b.size(); j++) {
                        order.add(index(b, j));
                    }
                }
            }
            assertEquals(960, order.size());
            assertEquals(960, order.stream().distinct().count(), "no example twice");
            int[] expected = Arrays.copyOf(loader.order(epoch), 960);
            assertArrayEquals(expected, order.stream().mapToInt(Integer::intValue).toArray());
        }
        assertFalse(first.equals(second), "each epoch has its own order");
    }

    @Test
    void twoLoadersWithTheSameSeedGiveIdenticalBatches() {
        Dataset d = indexed(700);
        LoaderOptions options = LoaderOptions.training(50, 99).withAugmentation(Optional.of(new Augmentation(1, true)));
        for (int epoch : new int[] {0, 3}) {
            List<int[]> la = new ArrayList<>();
            List<int[]> lb = new ArrayList<>();
            List<float[]> a;
            List<float[]> b;
            try (BatchSource.Batches x = new BatchLoader(d, Normalisation.FASHION_MNIST, options).epoch(epoch)) {
                a = drain(x, la);
            }
            try (BatchSource.Batches y = new BatchLoader(d, Normalisation.FASHION_MNIST, options).epoch(epoch)) {
                b = drain(y, lb);
            }
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i), b.get(i));
                assertArrayEquals(la.get(i), lb.get(i));
            }
        }
        List<int[]> lc = new ArrayList<>();
        List<int[]> ld = new ArrayList<>();
        try (BatchSource.Batches x = new BatchLoader(d, Normalisation.FASHION_MNIST, options).epoch(0);
             BatchSource.Batches y = new BatchLoader(d, Normalisation.FASHION_MNIST,
                     new LoaderOptions(50, true, 100, false, options.augmentation())).epoch(0)) {
            List<float[]> c = drain(x, lc);
            List<float[]> e = drain(y, ld);
            assertFalse(Arrays.equals(c.get(0), e.get(0)), "another seed gives other batches");
        }
    }

    @Test
    void augmentationChangesTrainingBatchesButNotTheirLabels() {
        Dataset d = indexed(200);
        LoaderOptions plain = LoaderOptions.training(20, 1);
        LoaderOptions augmented = plain.withAugmentation(Optional.of(Augmentation.cifar()));
        List<int[]> lp = new ArrayList<>();
        List<int[]> la = new ArrayList<>();
        List<float[]> p;
        List<float[]> a;
        try (BatchSource.Batches x = new BatchLoader(d, Normalisation.unitRange(1), plain).epoch(0)) {
            p = drain(x, lp);
        }
        try (BatchSource.Batches x = new BatchLoader(d, Normalisation.unitRange(1), augmented).epoch(0)) {
            a = drain(x, la);
        }
        for (int i = 0; i < lp.size(); i++) {
            assertArrayEquals(lp.get(i), la.get(i));
        }
        assertFalse(Arrays.equals(p.get(0), a.get(0)));
    }

    @Test
    void batchesAlternateBetweenTwoReusedBuffersAndStayValidUntilTheNextCall() throws InterruptedException {
        Dataset d = indexed(600);
        BatchLoader loader = new BatchLoader(d, Normalisation.unitRange(1), LoaderOptions.evaluation(100));
        try (BatchSource.Batches batches = loader.epoch(0)) {
            HostBatch b0 = batches.next();
            Thread.sleep(50);   // the loader thread has had time to prepare the next batch
            assertEquals(0, index(b0, 0));
            assertEquals(99, index(b0, 99));
            HostBatch b1 = batches.next();
            assertNotSame(b0.features(), b1.features());
            Thread.sleep(50);
            assertEquals(100, index(b1, 0));
            HostBatch b2 = batches.next();
            assertSame(b0.features(), b2.features());
            assertSame(b0.labels(), b2.labels());
            assertEquals(200, index(b2, 0));
        }
        // the next epoch reuses the buffers given back on close
        float[] reused;
        try (BatchSource.Batches batches = loader.epoch(1)) {
            reused = batches.next().features();
        }
        try (BatchSource.Batches batches = loader.epoch(2)) {
            HostBatch b = batches.next();
            HostBatch c = batches.next();
            assertTrue(reused == b.features() || reused == c.features());
        }
    }

    @Test
    void closeStopsTheThreadMidEpoch() {
        Dataset d = indexed(5000);
        BatchLoader loader = new BatchLoader(d, Normalisation.unitRange(1), LoaderOptions.training(10, 3));
        BatchLoader.EpochBatches batches = (BatchLoader.EpochBatches) loader.epoch(0);
        batches.next();
        batches.next();
        assertTrue(batches.hasNext());
        batches.close();
        assertFalse(batches.thread().isAlive());
        assertTrue(batches.thread().isDaemon());
        assertFalse(batches.hasNext());
        assertThrows(IllegalStateException.class, batches::next);
        batches.close();   // twice is harmless
    }

    @Test
    void closeStopsTheThreadBeforeAnyBatchAndAfterTheLast() {
        Dataset d = indexed(300);
        BatchLoader loader = new BatchLoader(d, Normalisation.unitRange(1), LoaderOptions.evaluation(100));
        BatchLoader.EpochBatches unused = (BatchLoader.EpochBatches) loader.epoch(0);
        unused.close();
        assertFalse(unused.thread().isAlive());
        BatchLoader.EpochBatches all = (BatchLoader.EpochBatches) loader.epoch(1);
        while (all.hasNext()) {
            all.next();
        }
        all.close();
        assertFalse(all.thread().isAlive());
    }

    @Test
    void aDataProblemOnTheLoaderThreadIsRethrownAsDataException() {
        Dataset d = indexed(100);
        BatchLoader failing = new BatchLoader(d, Normalisation.unitRange(1), LoaderOptions.evaluation(10),
                Optional.of(epoch -> {
                    throw new DataException("shard-3.bin: unreadable sector");
                }));
        BatchLoader.EpochBatches batches = (BatchLoader.EpochBatches) failing.epoch(0);
        DataException e = assertThrows(DataException.class, batches::next);
        assertEquals("shard-3.bin: unreadable sector", e.getMessage());
        assertTrue(e.getCause() instanceof DataException);
        assertFalse(batches.thread().isAlive());
        assertFalse(batches.hasNext());
    }

    @Test
    void aBugOnTheLoaderThreadIsRethrownWithItsCause() {
        Dataset d = indexed(100);
        BatchLoader broken = new BatchLoader(d, Normalisation.unitRange(1), LoaderOptions.evaluation(10),
                Optional.of(epoch -> new int[] {1_000_000}));
        try (BatchSource.Batches batches = broken.epoch(0)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, batches::next);
            assertTrue(e.getCause() instanceof ArrayIndexOutOfBoundsException, String.valueOf(e.getCause()));
        }
    }

    @Test
    void tooFewExamplesForOneFullBatchIsADataException() {
        Dataset d = indexed(30);
        DataException e = assertThrows(DataException.class,
                () -> new BatchLoader(d, Normalisation.unitRange(1), LoaderOptions.training(64, 1)));
        assertTrue(e.getMessage().startsWith("indexed: 30 examples"), e.getMessage());
        assertEquals(1, new BatchLoader(d, Normalisation.unitRange(1), LoaderOptions.evaluation(64)).batchesPerEpoch());
    }

    @Test
    void batchesAreNormalisedWithTheGivenStatistics() {
        Dataset d = indexed(10);
        try (BatchSource.Batches batches = new BatchLoader(d, Normalisation.FASHION_MNIST, LoaderOptions.evaluation(10)).epoch(0)) {
            HostBatch b = batches.next();
            assertEquals(SHAPE, b.shape());
            assertEquals(10, b.size());
            assertEquals(Normalisation.FASHION_MNIST.apply(0, d.pixel(7, 5)), b.features()[7 * SHAPE.elements() + 5]);
        }
    }
}
