package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;

/** Small loops over native memory shared by the nodes: reductions accumulated in double precision. */
final class Kernels {

    private Kernels() {
    }

    /** {@code Σ b[from .. from+len)} in double, four partial sums. */
    static double sum(FloatBuffer b, int from, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        int end = from + len;
        for (; i + 3 < end; i += 4) {
            s0 += b.get(i);
            s1 += b.get(i + 1);
            s2 += b.get(i + 2);
            s3 += b.get(i + 3);
        }
        for (; i < end; i++) {
            s0 += b.get(i);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@code {Σ b, Σ b²}} over {@code [from, from+len)} in double, four partial sums of each: a double add
     * waits for the one before on its chain, and four chains run 1.7× faster than two (docs/STACK.md,
     * "Measured speed traps"); the float statistics BatchNorm rounds them to came out the same.
     */
    static void sumAndSquares(FloatBuffer b, int from, int len, double[] out) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int i = from;
        int end = from + len;
        for (; i + 3 < end; i += 4) {
            double a = b.get(i);
            double c = b.get(i + 1);
            double d = b.get(i + 2);
            double e = b.get(i + 3);
            s0 += a;
            s1 += c;
            s2 += d;
            s3 += e;
            q0 += a * a;
            q1 += c * c;
            q2 += d * d;
            q3 += e * e;
        }
        for (; i < end; i++) {
            double a = b.get(i);
            s0 += a;
            q0 += a * a;
        }
        out[0] = (s0 + s1) + (s2 + s3);
        out[1] = (q0 + q1) + (q2 + q3);
    }

    /** {@code max(v, 0)} branch-free (every bit cleared when the sign bit is set; {@code -0} becomes {@code +0}). */
    static float relu(float v) {
        int bits = Float.floatToRawIntBits(v);
        return Float.intBitsToFloat(bits & ~(bits >> 31));
    }

    /** {@code d} where {@code v > 0}, else 0 — ReLU's backward gate, branch-free. */
    static float passedBy(float v, float d) {
        int bits = Float.floatToRawIntBits(v);
        int mask = (-bits & ~bits) >> 31;   // −1 exactly when bits > 0 (a positive, non-zero float)
        return Float.intBitsToFloat(Float.floatToRawIntBits(d) & mask);
    }

    /**
     * {@code {Σ g, Σ g·x}} over the same range of two buffers, in double, with {@code g = dy}, or with
     * {@code g = dy·[a·x + b > 0]} when {@code gated} (a BatchNorm's backward sums behind a fused ReLU);
     * four partial sums of each, as {@link #sumAndSquares}.
     */
    static void sumAndDot(FloatBuffer dy, FloatBuffer x, boolean gated, float a, float b, int from, int len,
                          double[] out) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double d0 = 0;
        double d1 = 0;
        double d2 = 0;
        double d3 = 0;
        int i = from;
        int end = from + len;
        for (; i + 3 < end; i += 4) {
            float x0 = x.get(i);
            float x1 = x.get(i + 1);
            float x2 = x.get(i + 2);
            float x3 = x.get(i + 3);
            double g0 = gated ? passedBy(a * x0 + b, dy.get(i)) : dy.get(i);
            double g1 = gated ? passedBy(a * x1 + b, dy.get(i + 1)) : dy.get(i + 1);
            double g2 = gated ? passedBy(a * x2 + b, dy.get(i + 2)) : dy.get(i + 2);
            double g3 = gated ? passedBy(a * x3 + b, dy.get(i + 3)) : dy.get(i + 3);
            s0 += g0;
            s1 += g1;
            s2 += g2;
            s3 += g3;
            d0 += g0 * x0;
            d1 += g1 * x1;
            d2 += g2 * x2;
            d3 += g3 * x3;
        }
        for (; i < end; i++) {
            float x0 = x.get(i);
            double g0 = gated ? passedBy(a * x0 + b, dy.get(i)) : dy.get(i);
            s0 += g0;
            d0 += g0 * x0;
        }
        out[0] = (s0 + s1) + (s2 + s3);
        out[1] = (d0 + d1) + (d2 + d3);
    }
}
