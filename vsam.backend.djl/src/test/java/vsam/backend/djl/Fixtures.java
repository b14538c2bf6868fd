package vsam.backend.djl;

import java.util.Random;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.model.Shape;
import vsam.api.network.HostBatch;

/** Shared test data: seeded random batches and a CPU session of the backend under test. */
final class Fixtures {

    /** The Fashion-MNIST example shape. */
    static final Shape MNIST = new Shape(1, 28, 28);
    /** The CIFAR example shape. */
    static final Shape CIFAR = new Shape(3, 32, 32);

    private Fixtures() {
    }

    /** A session on the CPU with {@code threads} intra-op threads. */
    static DjlSession session(int threads) {
        Session s = new DjlBackend().open(new SessionOptions("cpu", threads));
        return (DjlSession) s;
    }

    /** A batch of standard-normal features and uniform labels. */
    static HostBatch randomBatch(long seed, int size, Shape shape, int classes) {
        Random random = new Random(seed);
        float[] features = new float[size * shape.elements()];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(classes);
        }
        return new HostBatch(features, labels, size, shape);
    }

    /** Relative L2 distance {@code ‖a − b‖ / max(‖b‖, tiny)} over {@code [from, to)}. */
    static double relativeL2(float[] a, float[] b, int from, int to) {
        double diff = 0;
        double norm = 0;
        for (int i = from; i < to; i++) {
            double d = (double) a[i] - b[i];
            diff += d * d;
            norm += (double) b[i] * b[i];
        }
        return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-30);
    }
}
