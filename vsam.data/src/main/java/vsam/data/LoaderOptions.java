package vsam.data;

import java.util.Optional;
import vsam.data.pipeline.Augmentation;

/**
 * How a {@link BatchLoader} cuts a data set into batches.
 *
 * <p>Defaults: {@link #training} shuffles with the run seed and DROPS the last partial batch (every
 * step then sees a full batch, which keeps BatchNorm statistics and step sizes uniform; with
 * shuffling a different tail is dropped each epoch, so nothing is left out for good).
 * {@link #evaluation} keeps the file order, keeps the last partial batch (every test example is
 * counted exactly once) and never augments.
 *
 * @param batchSize    examples per batch
 * @param shuffle      whether each epoch visits the examples in a seeded random order
 * @param seed         seed of the shuffling and of the augmentation
 * @param keepLast     whether an epoch ends with the partial batch of the remaining examples
 * @param augmentation crop-and-flip augmentation, if any
 */
public record LoaderOptions(int batchSize, boolean shuffle, long seed, boolean keepLast,
                            Optional<Augmentation> augmentation) {

    /** Checks the batch size and that the augmentation is given. */
    public LoaderOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (augmentation == null) {
            throw new IllegalArgumentException("augmentation must be given (Optional.empty() for none)");
        }
    }

    /** Shuffled with {@code seed}, last partial batch dropped, no augmentation. */
    public static LoaderOptions training(int batchSize, long seed) {
        return new LoaderOptions(batchSize, true, seed, false, Optional.empty());
    }

    /** File order, last partial batch kept, no augmentation. */
    public static LoaderOptions evaluation(int batchSize) {
        return new LoaderOptions(batchSize, false, 0, true, Optional.empty());
    }

    /** These options with {@code a} as augmentation. */
    public LoaderOptions withAugmentation(Optional<Augmentation> a) {
        return new LoaderOptions(batchSize, shuffle, seed, keepLast, a);
    }

    /** These options with the last partial batch kept or dropped. */
    public LoaderOptions withKeepLast(boolean keep) {
        return new LoaderOptions(batchSize, shuffle, seed, keep, augmentation);
    }
}
