package vsam.backend.javacpp;

import java.util.Random;
import vsam.api.model.Shape;
import vsam.api.network.HostBatch;

/** Seeded random data for the tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A batch of {@code n} standard-normal examples of {@code shape} with uniform labels. */
    public static HostBatch batch(int n, Shape shape, int classes, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * shape.elements()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return new HostBatch(x, y, n, shape);
    }

    /** Uniform random values in [-1, 1). */
    public static float[] uniform(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }

    /** {@code ‖a − b‖ / max(‖b‖, tiny)} in double. */
    public static double relativeL2(float[] a, float[] b, int from, int to) {
        double num = 0;
        double den = 0;
        for (int i = from; i < to; i++) {
            double d = (double) a[i] - b[i];
            num += d * d;
            den += (double) b[i] * b[i];
        }
        return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-30);
    }
}
