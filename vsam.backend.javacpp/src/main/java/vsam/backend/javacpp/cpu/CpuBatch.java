package vsam.backend.javacpp.cpu;

import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;

/**
 * A minibatch in native memory: features in {@code NCHW} order (the host's order) in a buffer borrowed
 * from its session's pool, and a copy of the labels. Closing it gives the buffer back, so a loop that
 * closes each batch before uploading the next reuses one buffer for every step.
 */
final class CpuBatch implements DeviceBatch {

    final NativeFloats features;
    final int[] labels;
    final int size;
    final Shape shape;
    private final CpuSession session;
    private boolean closed;

    CpuBatch(CpuSession session, NativeFloats features, int[] labels, int size, Shape shape) {
        this.session = session;
        this.features = features;
        this.labels = labels;
        this.size = size;
        this.shape = shape;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.giveBack(features);
        }
    }
}
