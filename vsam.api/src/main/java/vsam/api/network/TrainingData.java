package vsam.api.network;

import vsam.api.model.Shape;

/**
 * A data set ready to train on: the batch sources and what a model needs to know about the examples.
 *
 * @param train       training batches (shuffled, altered and augmented as configured)
 * @param test        test batches (in order, clean)
 * @param format      shape, normalisation and class names of the examples (the run folder's {@code data.json})
 * @param trainSize   training examples used
 * @param testSize    test examples
 * @param description where the data came from and how it was altered, for logs and provenance
 */
public record TrainingData(BatchSource train, BatchSource test, ExampleFormat format, int trainSize, int testSize,
                           String description) {

    /** Shape of one example. */
    public Shape shape() {
        return format.shape();
    }

    /** Number of classes. */
    public int classes() {
        return format.classes();
    }
}
