package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Quantizer;

/**
 * The LSQ fake-quantization loops over native memory (Esser et al. 2020; the arithmetic of
 * {@link Quantizer}, repeated here in float32 step by step so both backends round identically):
 * <pre>
 *   forward    u = v / s;  c = min(max(u, −Q_N), Q_P);  code = rint(c)   (v̂ = code · s, applied by the layer)
 *   backward   dv = dv̂ · [−Q_N ≤ u ≤ Q_P]
 *              ds = g · Σ dv̂ · (rint(c) − (inside ? u : 0))      (g applied by the caller)
 * </pre>
 * Loops are split over the session's threads; the step-size sum is accumulated per part in double and
 * the parts are added in order, so the result does not depend on timing.
 */
final class LsqKernels {

    private LsqKernels() {
    }

    /** {@code dst[dstFrom + i] = code(src[srcFrom + i])} for {@code i < n}: the integer grid codes. */
    static void codes(Parallel parallel, FloatBuffer src, int srcFrom, FloatBuffer dst, int dstFrom, int n,
                         float s, Quantizer q) {
        float lo = -q.qn();
        float hi = q.qp();
        parallel.range(n, 1 << 15, (from, to) -> {
            for (int i = from; i < to; i++) {
                float u = src.get(srcFrom + i) / s;
                float c = Math.max(lo, Math.min(hi, u));
                dst.put(dstFrom + i, (float) Math.rint(c));
            }
        });
    }

    /**
     * Backward through the quantizer of the values {@code v[vFrom ..+n)} quantised with step {@code s}:
     * returns {@code Σ dv̂ · ∂v̂/∂s} (without LSQ's scale {@code g}) and, when {@code writeDv}, turns
     * {@code d[dFrom ..+n)} from {@code dv̂} into {@code dv} in place.
     */
    static double backward(Parallel parallel, FloatBuffer v, int vFrom, FloatBuffer d, int dFrom, int n, float s,
                           Quantizer q, boolean writeDv) {
        float lo = -q.qn();
        float hi = q.qp();
        int parts = parallel.parts(n, 1 << 15);
        double[] sums = new double[parts];
        parallel.split(n, 1 << 15, (part, from, to) -> {
            double sum = 0;
            for (int i = from; i < to; i++) {
                float u = v.get(vFrom + i) / s;
                float c = Math.max(lo, Math.min(hi, u));
                boolean inside = u >= lo && u <= hi;
                float grad = d.get(dFrom + i);
                sum += (double) grad * ((float) Math.rint(c) - (inside ? u : 0f));
                if (writeDv && !inside) {
                    d.put(dFrom + i, 0f);
                }
            }
            sums[part] = sum;
        });
        double total = 0;
        for (double x : sums) {
            total += x;
        }
        return total;
    }

    /** {@code mean(|b[from ..+n)|)} in double. */
    static double meanAbs(FloatBuffer b, int from, int n) {
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += Math.abs(b.get(i));
        }
        return sum / n;
    }
}
