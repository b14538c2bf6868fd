package vsam.data.pipeline;

import java.util.Locale;
import vsam.api.random.SplitMix64;
import vsam.data.Dataset;

/**
 * Symmetric label noise for the noisy-label yardstick of docs/ALGORITHMS.md §4: each training label is,
 * with probability {@code p}, replaced by a class drawn uniformly from the {@code classes − 1}
 * OTHER classes, so a replaced label never equals its original. Apply it to training sets only; the
 * test set stays clean.
 *
 * <p>The decision for example {@code i} depends only on {@code (seed, i)} and its clean label
 * (SplitMix64 keyed by both indices), so the noise does not depend on how many examples follow:
 * noise on the first {@code n} images equals the first {@code n} images of the noisy full set.
 */
public final class LabelNoise {

    private LabelNoise() {
    }

    /**
     * {@code data} with noisy labels (the pixels are shared), or {@code data} itself when
     * {@code probability} is 0.
     *
     * @param probability chance in {@code [0, 1]} that a label is replaced
     * @param seed        the noise seed, independent of the run seed
     */
    public static Dataset apply(Dataset data, double probability, long seed) {
        if (probability == 0) {
            return data;
        }
        int[] noisy = labels(data.labels(), data.classes(), probability, seed);
        String name = data.name() + String.format(Locale.ROOT, " (label noise %.2f, seed %d)", probability, seed);
        return data.withLabels(name, noisy);
    }

    /** The noisy version of {@code clean} (which is not modified). */
    public static int[] labels(int[] clean, int classes, double probability, long seed) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("label noise must be a probability in [0, 1], got " + probability);
        }
        if (probability > 0 && classes < 2) {
            throw new IllegalArgumentException("label noise needs at least two classes, got " + classes);
        }
        int[] noisy = clean.clone();
        for (int i = 0; i < noisy.length; i++) {
            SplitMix64 random = SplitMix64.keyed(Streams.NOISE, seed, i);
            if (random.nextDouble() < probability) {
                int other = random.nextInt(classes - 1);
                noisy[i] = other >= clean[i] ? other + 1 : other;
            }
        }
        return noisy;
    }
}
