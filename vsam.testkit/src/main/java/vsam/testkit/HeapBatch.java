package vsam.testkit;

import java.util.Arrays;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;

/** A "device" batch of the reference backend: a private copy of the host batch's used part. */
public final class HeapBatch implements DeviceBatch {

    final float[] features;
    final int[] labels;
    final int size;
    final Shape shape;

    public HeapBatch(HostBatch batch) {
        this.size = batch.size();
        this.shape = batch.shape();
        this.features = Arrays.copyOf(batch.features(), size * shape.elements());
        this.labels = Arrays.copyOf(batch.labels(), size);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void close() {
    }
}
