package vsam.backend.javacpp.cuda;

import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;

/**
 * A minibatch in device memory: one buffer holding the features ({@code NCHW} floats, the host's order)
 * followed by the labels ({@code int}s), filled by one host→device copy. The buffer is borrowed from the
 * session's pool; closing the batch gives it back, so a loop that closes each batch before uploading
 * the next reuses one buffer for every step.
 */
final class CudaBatch implements DeviceBatch {

    final DeviceFloats buffer;
    final int size;
    final Shape shape;
    private final CudaSession session;
    private boolean closed;

    CudaBatch(CudaSession session, DeviceFloats buffer, int size, Shape shape) {
        this.session = session;
        this.buffer = buffer;
        this.size = size;
        this.shape = shape;
    }

    /** The features (the buffer starts with them). */
    DeviceFloats featureFloats() {
        return buffer;
    }

    boolean isClosed() {
        return closed;
    }

    /** Address of the first label ({@code int}s right after the features). */
    long labels() {
        return buffer.addressOf((long) size * shape.elements());
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.giveBack(buffer);
        }
    }
}
