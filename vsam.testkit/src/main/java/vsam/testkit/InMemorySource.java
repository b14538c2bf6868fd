package vsam.testkit;

import java.util.NoSuchElementException;
import java.util.Random;
import vsam.api.model.Shape;
import vsam.api.network.BatchSource;
import vsam.api.network.HostBatch;

/**
 * A {@link BatchSource} over arrays in memory, for tests: fixed-size batches in order (the last partial
 * batch dropped), each a fresh copy.
 */
public final class InMemorySource implements BatchSource {

    private final float[] features;
    private final int[] labels;
    private final Shape shape;
    private final int batchSize;

    public InMemorySource(float[] features, int[] labels, Shape shape, int batchSize) {
        this.features = features;
        this.labels = labels;
        this.shape = shape;
        this.batchSize = batchSize;
    }

    /**
     * A seeded, linearly separable-ish problem: {@code n} examples of {@code shape}, class {@code c} has
     * its features drawn around a class-specific random centre with unit noise.
     */
    public static InMemorySource blobs(int n, Shape shape, int classes, int batchSize, long seed) {
        Random r = new Random(seed);
        int e = shape.elements();
        float[][] centres = new float[classes][e];
        for (float[] c : centres) {
            for (int i = 0; i < e; i++) {
                c[i] = (float) r.nextGaussian();
            }
        }
        float[] x = new float[n * e];
        int[] y = new int[n];
        for (int s = 0; s < n; s++) {
            y[s] = r.nextInt(classes);
            for (int i = 0; i < e; i++) {
                x[s * e + i] = centres[y[s]][i] + (float) r.nextGaussian();
            }
        }
        return new InMemorySource(x, y, shape, batchSize);
    }

    @Override
    public int batchesPerEpoch() {
        return labels.length / batchSize;
    }

    @Override
    public Batches epoch(int epoch) {
        return new Batches() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batchesPerEpoch();
            }

            @Override
            public HostBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int e = shape.elements();
                float[] x = new float[batchSize * e];
                int[] y = new int[batchSize];
                System.arraycopy(features, next * batchSize * e, x, 0, x.length);
                System.arraycopy(labels, next * batchSize, y, 0, batchSize);
                next++;
                return new HostBatch(x, y, batchSize, shape);
            }

            @Override
            public void close() {
            }
        };
    }
}
