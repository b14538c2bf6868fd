package vsam.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import vsam.api.BackendException;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;

/**
 * A minibatch uploaded to libtorch: features as an {@code N×C×H×W} float tensor and labels as an
 * {@code int64} vector (plus an {@code N×1} view of it for {@code gather}). The tensors wrap pooled
 * direct buffers without a copy; closing the batch closes its tensors and returns the buffers.
 */
final class DjlBatch implements DeviceBatch {

    private final DjlSession session;
    private final BatchBuffers pool;
    private final NDManager manager;
    private final ByteBuffer featureBytes;
    private final ByteBuffer labelBytes;
    private final vsam.api.model.Shape shape;
    private final int size;
    private final int maxLabel;
    final NDArray features;
    final NDArray labels;
    final NDArray labelColumn;
    private boolean closed;

    private DjlBatch(DjlSession session, BatchBuffers pool, NDManager manager, ByteBuffer featureBytes,
                     ByteBuffer labelBytes, HostBatch batch, int maxLabel) {
        this.session = session;
        this.pool = pool;
        this.manager = manager;
        this.featureBytes = featureBytes;
        this.labelBytes = labelBytes;
        this.shape = batch.shape();
        this.size = batch.size();
        this.maxLabel = maxLabel;
        vsam.api.model.Shape s = batch.shape();
        this.features = manager.create(featureBytes, new Shape(size, s.channels(), s.height(), s.width()), DataType.FLOAT32);
        this.labels = manager.create(labelBytes, new Shape(size), DataType.INT64);
        this.labelColumn = labels.reshape(size, 1);
    }

    /** Copies the used part of {@code batch} into pooled direct buffers and wraps them as tensors. */
    static DjlBatch upload(DjlSession session, NDManager parent, BatchBuffers pool, HostBatch batch) {
        int n = batch.size();
        int values = Math.multiplyExact(n, batch.shape().elements());
        int[] hostLabels = batch.labels();
        int maxLabel = 0;
        for (int i = 0; i < n; i++) {
            if (hostLabels[i] < 0) {
                throw new BackendException("label " + hostLabels[i] + " of example " + i + " is negative");
            }
            maxLabel = Math.max(maxLabel, hostLabels[i]);
        }
        ByteBuffer featureBytes = pool.take(Math.multiplyExact(values, Float.BYTES));
        ByteBuffer labelBytes = pool.take(n * Long.BYTES);
        featureBytes.asFloatBuffer().put(batch.features(), 0, values);
        LongBuffer longs = labelBytes.asLongBuffer();
        for (int i = 0; i < n; i++) {
            longs.put(i, hostLabels[i]);
        }
        NDManager manager = parent.newSubManager();
        try {
            return new DjlBatch(session, pool, manager, featureBytes, labelBytes, batch, maxLabel);
        } catch (RuntimeException e) {
            manager.close();
            pool.give(featureBytes);
            pool.give(labelBytes);
            throw e;
        }
    }

    @Override
    public int size() {
        return size;
    }

    /** Shape of one example. */
    vsam.api.model.Shape shape() {
        return shape;
    }

    /** The largest label in the batch (labels are checked non-negative at upload). */
    int maxLabel() {
        return maxLabel;
    }

    /** Whether this batch was uploaded through {@code s}. */
    boolean belongsTo(DjlSession s) {
        return session == s;
    }

    /** @throws BackendException once closed */
    void ensureOpen() {
        if (closed) {
            throw new BackendException("this device batch is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        manager.close();
        pool.give(featureBytes);
        pool.give(labelBytes);
    }
}
