package vsam.data;

import java.util.List;
import java.util.Optional;
import vsam.api.network.ExampleFormat;
import vsam.data.pipeline.Augmentation;
import vsam.data.pipeline.Normalisation;

/**
 * A data set as the catalogue found it: its training and test splits, the normalisation its pixels
 * get, and where it came from (for the run folder's provenance).
 *
 * @param dataset       catalogue name of what was loaded ({@code embedded} when Fashion-MNIST fell back to it)
 * @param train         the training split (possibly already reduced or given noisy labels)
 * @param test          the test split, always clean
 * @param normalisation the per-channel statistics for both splits
 * @param classNames    one name per class, in label order
 * @param origin        the folder the files came from, or a description of the embedded subset
 */
public record DataSplits(String dataset, Dataset train, Dataset test, Normalisation normalisation, List<String> classNames,
                         String origin) {

    /** Checks that both splits are present and have the same shape and classes. */
    public DataSplits {
        if (dataset == null || train == null || test == null || normalisation == null || classNames == null || origin == null) {
            throw new IllegalArgumentException("data splits need a name, both splits, a normalisation, class names and an origin");
        }
        if (classNames.size() != train.classes()) {
            throw new IllegalArgumentException(dataset + ": " + classNames.size() + " class names for " + train.classes() + " classes");
        }
        classNames = List.copyOf(classNames);
        if (!train.shape().equals(test.shape()) || train.classes() != test.classes()) {
            throw new IllegalArgumentException(dataset + ": the training split (" + train + ") and the test split ("
                    + test + ") do not match");
        }
    }

    /** The same splits with another training set. */
    public DataSplits withTrain(Dataset newTrain) {
        return new DataSplits(dataset, newTrain, test, normalisation, classNames, origin);
    }

    /** Shape, normalisation and class names of the examples, as a run folder's {@code data.json} keeps them. */
    public ExampleFormat format() {
        return normalisation.format(train.shape(), classNames);
    }

    /** A loader of the training split: shuffled with {@code seed}, last partial batch dropped, {@code augmentation}. */
    public BatchLoader trainLoader(int batchSize, long seed, Optional<Augmentation> augmentation) {
        return new BatchLoader(train, normalisation, LoaderOptions.training(batchSize, seed).withAugmentation(augmentation));
    }

    /**
     * A loader of the training split: shuffled with {@code seed}, last partial batch dropped, and when
     * {@code augment} is set the {@linkplain Augmentation#standardFor standard augmentation} of this data set.
     */
    public BatchLoader trainLoader(int batchSize, long seed, boolean augment) {
        return trainLoader(batchSize, seed, augment ? Optional.of(Augmentation.standardFor(dataset)) : Optional.empty());
    }

    /** A loader of the test split: file order, every example once, no augmentation. */
    public BatchLoader testLoader(int batchSize) {
        return new BatchLoader(test, normalisation, LoaderOptions.evaluation(batchSize));
    }
}
