package vsam.api.network;

import vsam.api.model.Shape;

/**
 * A minibatch in Java heap memory, as the data loader produced it: normalised features in
 * {@code NCHW} order and integer labels. The arrays are NOT copied: a loader may reuse them for a
 * later batch once the backend has {@linkplain vsam.api.Session#upload uploaded} this one.
 *
 * @param features {@code size · shape.elements()} floats (or more: only the first ones are read)
 * @param labels   {@code size} class indices (or more)
 * @param size     examples in this batch
 * @param shape    shape of one example
 */
public record HostBatch(float[] features, int[] labels, int size, Shape shape) {

    public HostBatch {
        if (size <= 0) {
            throw new IllegalArgumentException("a batch needs at least one example, got " + size);
        }
        if (features.length < (long) size * shape.elements() || labels.length < size) {
            throw new IllegalArgumentException("batch arrays too small for " + size + " examples of " + shape);
        }
    }
}
