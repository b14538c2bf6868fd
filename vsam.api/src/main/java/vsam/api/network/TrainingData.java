package vsam.api.network;

import vsam.api.model.Shape;

/**
 * A data set ready to train on: the batch sources and what a model needs to know about the examples.
 *
 * @param train       training batches (shuffled, altered and augmented as configured)
 * @param test        test batches (in order, clean)
 * @param shape       shape of one example
 * @param classes     number of classes
 * @param trainSize   training examples used
 * @param testSize    test examples
 * @param description where the data came from and how it was altered, for logs and provenance
 */
public record TrainingData(BatchSource train, BatchSource test, Shape shape, int classes, int trainSize, int testSize,
                           String description) {
}
