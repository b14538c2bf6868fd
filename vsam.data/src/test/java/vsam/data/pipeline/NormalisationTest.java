package vsam.data.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vsam.api.model.Shape;
import vsam.data.DataException;
import vsam.data.Dataset;

class NormalisationTest {

    @Test
    void knownDataSetsHaveTheCustomaryStatistics() {
        assertEquals(0.2860, Normalisation.forDataset("fashion-mnist").mean(0));
        assertEquals(0.3530, Normalisation.forDataset("embedded").std(0));
        assertEquals(0.1307, Normalisation.forDataset("mnist").mean(0));
        assertEquals(0.3081, Normalisation.forDataset("mnist").std(0));
        Normalisation c10 = Normalisation.forDataset("cifar10");
        assertEquals(3, c10.channels());
        assertEquals(0.4465, c10.mean(2));
        assertEquals(0.2616, c10.std(2));
        Normalisation c100 = Normalisation.forDataset("cifar100");
        assertEquals(0.5071, c100.mean(0));
        assertEquals(0.2762, c100.std(2));
        assertThrows(DataException.class, () -> Normalisation.forDataset("imagenet"));
    }

    @Test
    void applyStandardisesScaledPixels() {
        Normalisation n = Normalisation.MNIST;
        assertEquals((float) ((200 / 255.0 - 0.1307) / 0.3081), n.apply(0, 200));
        assertEquals(n.apply(0, 17), n.lookupTables()[0][17]);
    }

    @Test
    void measuredStatisticsMatchTheData() {
        // channel 0 all 0 and 255 alternately (mean 0.5, std 0.5), channel 1 all 51 (mean 0.2)
        byte[] p = new byte[2 * 2 * 2];
        p[0] = 0;
        p[1] = (byte) 255;
        p[2] = 51;
        p[3] = 51;
        p[4] = (byte) 255;
        p[5] = 0;
        p[6] = 51;
        p[7] = 51;
        Normalisation n = Normalisation.measure(new Dataset("m", new Shape(2, 1, 2), 2, p, new int[] {0, 1}));
        assertEquals(0.5, n.mean(0), 1e-12);
        assertEquals(0.5, n.std(0), 1e-12);
        assertEquals(0.2, n.mean(1), 1e-12);
    }

    @Test
    void invalidStatisticsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Normalisation(new double[] {0.5}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Normalisation(new double[] {0.5}, new double[] {0.1, 0.2}));
        assertThrows(IllegalArgumentException.class,
                () -> new ExampleWriter(new Shape(3, 2, 2), Normalisation.FASHION_MNIST));
    }
}
