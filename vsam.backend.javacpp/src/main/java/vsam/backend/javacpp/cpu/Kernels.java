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
     * An int that orders like the float (for every non-NaN value; {@code −0} below {@code +0}), so pooling's
     * comparisons compile to conditional moves instead of unpredictable branches.
     */
    static int orderedKey(float v) {
        int bits = Float.floatToRawIntBits(v);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
