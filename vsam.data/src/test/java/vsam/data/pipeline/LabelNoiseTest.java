package vsam.data.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vsam.api.model.Shape;
import vsam.data.DataException;
import vsam.data.Dataset;

class LabelNoiseTest {

    private static int[] cleanLabels(int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i * 7 + i / 13) % classes;
        }
        return y;
    }

    private static Dataset tiny(int n, int classes) {
        byte[] pixels = new byte[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = (byte) i;
        }
        return new Dataset("tiny", new Shape(1, 1, 1), classes, pixels, cleanLabels(n, classes));
    }

    @Test
    void fortyPercentNoiseChangesFortyPercentOfLabelsToOtherClasses() {
        int[] clean = cleanLabels(10_000, 10);
        int[] noisy = LabelNoise.labels(clean, 10, 0.4, 17);
        int changed = 0;
        for (int i = 0; i < clean.length; i++) {
            if (noisy[i] != clean[i]) {
                changed++;
            }
            assertTrue(noisy[i] >= 0 && noisy[i] < 10);
        }
        // a replacement that could keep the class would change only 0.4 * 9/10 = 36%
        double fraction = changed / 10_000.0;
        assertEquals(0.4, fraction, 0.02, "changed fraction " + fraction);
    }

    @Test
    void replacementsAreSpreadOverTheOtherClasses() {
        int n = 50_000;
        int[] clean = new int[n];
        int[] noisy = LabelNoise.labels(clean, 10, 1.0, 3);
        int[] counts = new int[10];
        for (int y : noisy) {
            counts[y]++;
        }
        assertEquals(0, counts[0], "p = 1 replaces every label by a different class");
        for (int c = 1; c < 10; c++) {
            assertEquals(n / 9.0, counts[c], n / 9.0 * 0.05, Arrays.toString(counts));
        }
    }

    @Test
    void sameSeedSameNoiseOtherSeedOtherNoise() {
        int[] clean = cleanLabels(10_000, 10);
        assertArrayEquals(LabelNoise.labels(clean, 10, 0.4, 17), LabelNoise.labels(clean, 10, 0.4, 17));
        assertFalse(Arrays.equals(LabelNoise.labels(clean, 10, 0.4, 17), LabelNoise.labels(clean, 10, 0.4, 18)));
    }

    @Test
    void inputIsNotModified() {
        int[] clean = cleanLabels(1000, 10);
        int[] copy = clean.clone();
        LabelNoise.labels(clean, 10, 0.5, 1);
        assertArrayEquals(copy, clean);
    }

    @Test
    void noiseOnASubsetEqualsTheSubsetOfTheNoisySet() {
        Dataset full = tiny(2000, 10);
        Dataset a = LabelNoise.apply(TrainingSubset.first(full, 500), 0.4, 9);
        Dataset b = TrainingSubset.first(LabelNoise.apply(full, 0.4, 9), 500);
        assertArrayEquals(a.labels(), b.labels());
    }

    @Test
    void zeroNoiseIsTheIdentityAndPixelsAreShared() {
        Dataset d = tiny(100, 10);
        assertSame(d, LabelNoise.apply(d, 0, 5));
        Dataset noisy = LabelNoise.apply(d, 0.3, 5);
        assertSame(d.pixels(), noisy.pixels());
        assertNotEquals(d.name(), noisy.name());
    }

    @Test
    void invalidProbabilityOrSingleClassIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> LabelNoise.labels(new int[3], 10, 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> LabelNoise.labels(new int[3], 10, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> LabelNoise.labels(new int[3], 1, 0.2, 1));
    }

    @Test
    void trainingSubsetTakesTheFirstImagesAndRejectsTooMany() {
        Dataset d = tiny(100, 10);
        Dataset first = TrainingSubset.first(d, 30);
        assertEquals(30, first.size());
        assertEquals(Arrays.toString(Arrays.copyOf(d.labels(), 30)), Arrays.toString(first.labels()));
        assertEquals(29, first.pixel(29, 0));
        assertSame(d, TrainingSubset.first(d, 0));
        DataException e = assertThrows(DataException.class, () -> TrainingSubset.first(d, 101));
        assertTrue(e.getMessage().startsWith("tiny: "), e.getMessage());
    }
}
