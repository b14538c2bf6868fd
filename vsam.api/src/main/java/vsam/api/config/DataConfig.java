package vsam.api.config;

import java.util.Optional;

/**
 * Which data set trains and tests the run, and how the training set is altered.
 *
 * @param dataset     {@code fashion-mnist}, {@code mnist}, {@code cifar10}, {@code cifar100} or {@code embedded}
 * @param dataDir     folder holding the data set files; empty to search the known locations
 * @param trainSubset use only the first this-many training images; 0 = all
 * @param labelNoise  probability that a training label is replaced by a uniformly drawn different class
 * @param noiseSeed   seed of the label noise (independent of the run seed)
 * @param augment     random crop with padding and horizontal flip (on by default for CIFAR only)
 */
public record DataConfig(String dataset, Optional<String> dataDir, int trainSubset, double labelNoise,
                         long noiseSeed, boolean augment) {

    /** The data set names. */
    public static final java.util.List<String> DATASETS = java.util.List.of("fashion-mnist", "mnist", "cifar10", "cifar100", "embedded");

    public DataConfig {
        Check.oneOf("data.dataset", dataset, DATASETS);
        Check.present("data.dataDir", dataDir);
        Check.atLeast("data.trainSubset", trainSubset, 0);
        Check.halfOpen("data.labelNoise", labelNoise, 0, 1);
    }

    /** Full Fashion-MNIST from the known locations (or the embedded subset when none is installed), clean labels. */
    public static DataConfig defaults() {
        return new DataConfig("fashion-mnist", Optional.empty(), 0, 0, 17, false);
    }
}
