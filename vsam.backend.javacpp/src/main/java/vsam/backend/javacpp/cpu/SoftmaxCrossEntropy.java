package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;

/**
 * Mean softmax cross-entropy with label smoothing over logits {@code z[N][C]} (row-major), computed in
 * double precision:
 * <pre>
 *   q = (1 − ε)·onehot(y) + ε/C,   L = −(1/N) Σ_n Σ_c q_nc · log softmax(z_n)_c,   dL/dz = (softmax(z) − q) / N
 * </pre>
 * with {@code ε} the uniform form of either smoothing convention ({@code LossOptions.uniformEpsilon}).
 * For evaluation: the summed plain cross-entropy (no smoothing) and the count of rows whose first
 * arg-max is the label.
 */
final class SoftmaxCrossEntropy {

    private final int classes;
    private final double smoothing;
    private NativeFloats dz;

    SoftmaxCrossEntropy(int classes, double smoothing) {
        this.classes = classes;
        this.smoothing = smoothing;
    }

    void reserve(int capacity, Arena arena) {
        arena.free(dz);
        dz = arena.floats((long) capacity * classes);
    }

    void release(Arena arena) {
        arena.free(dz);
    }

    /** Gradient of the logits written by the last {@link #lossAndGradient}. */
    NativeFloats gradient() {
        return dz;
    }

    double lossAndGradient(NativeFloats logits, int[] labels, int n) {
        FloatBuffer z = logits.buffer();
        FloatBuffer d = dz.buffer();
        double[] exp = new double[classes];
        double loss = 0;
        double off = smoothing / classes;
        for (int e = 0; e < n; e++) {
            int row = e * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z.get(row + c));
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                exp[c] = Math.exp(z.get(row + c) - max);
                sum += exp[c];
            }
            double logSum = Math.log(sum) + max;
            for (int c = 0; c < classes; c++) {
                double q = off + (c == labels[e] ? 1 - smoothing : 0);
                loss -= q * (z.get(row + c) - logSum);
                d.put(row + c, (float) ((exp[c] / sum - q) / n));
            }
        }
        return loss / n;
    }

    /** {@code {Σ plain cross-entropy, correct}} over the batch. */
    static double[] evaluate(NativeFloats logits, int[] labels, int n, int classes) {
        FloatBuffer z = logits.buffer();
        double lossSum = 0;
        long correct = 0;
        for (int e = 0; e < n; e++) {
            int row = e * classes;
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (z.get(row + c) > max) {
                    max = z.get(row + c);
                    best = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(z.get(row + c) - max);
            }
            lossSum += Math.log(sum) + max - z.get(row + labels[e]);
            if (best == labels[e]) {
                correct++;
            }
        }
        return new double[] {lossSum, correct};
    }
}
