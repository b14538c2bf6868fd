package vsam.data.pipeline;

import vsam.data.DataException;
import vsam.data.Dataset;

/**
 * Restricts a training set to its first {@code n} images in file order, as in the noisy-label
 * yardstick of docs/ALGORITHMS.md §4 (the first 10,000 Fashion-MNIST training images).
 */
public final class TrainingSubset {

    private TrainingSubset() {
    }

    /**
     * The first {@code n} images of {@code data}; {@code n = 0} means all of them ({@code data} itself).
     *
     * @throws DataException if {@code data} has fewer than {@code n} images
     */
    public static Dataset first(Dataset data, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a training subset needs a size >= 0, got " + n);
        }
        if (n == 0 || n == data.size()) {
            return data;
        }
        if (n > data.size()) {
            throw new DataException(data.name() + ": a training subset of " + n + " images was asked for, but it holds only "
                    + data.size());
        }
        return data.head(data.name() + " (first " + n + ")", n);
    }
}
