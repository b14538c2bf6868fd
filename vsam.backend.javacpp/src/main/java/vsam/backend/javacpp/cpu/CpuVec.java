package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import vsam.api.BackendException;
import vsam.api.vector.SegmentScope;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;

/**
 * A {@link Vec} in one flat native allocation: OpenBLAS level-1 calls for copy, scale, axpy, dot and
 * norms ({@code cblas_dsdot}, which accumulates in double precision), fused Java loops over the native
 * memory for the element-wise products and the optimizer updates, with exactly the float arithmetic of
 * {@link Vec}'s formulas:
 * <pre>
 *   SGD:   d = g + wd·w;  m ← mu·m + d;  w ← w − lr·(nesterov ? d + mu·m : m)
 *   AdamW: w ← w − lr·wd·w;  m ← b1·m + (1−b1)·g;  v ← b2·v + (1−b2)·g²;
 *          w ← w − lr·(m / (1 − b1^t)) / (sqrt(v / (1 − b2^t)) + eps)
 * </pre>
 */
final class CpuVec implements Vec {

    private final Segments segments;
    private final NativeFloats data;
    private final int n;

    CpuVec(Segments segments, NativeFloats data) {
        if (data.length() != segments.totalLength()) {
            throw new IllegalArgumentException("storage of " + data.length() + " floats for " + segments);
        }
        this.segments = segments;
        this.data = data;
        this.n = Math.toIntExact(segments.totalLength());
    }

    NativeFloats data() {
        return data;
    }

    private CpuVec same(Vec x) {
        if (!(x instanceof CpuVec v)) {
            throw new BackendException("javacpp cpu: operand is not a javacpp cpu vector: " + x.getClass().getName());
        }
        if (v.n != n) {
            throw new BackendException("javacpp cpu: vector lengths differ: " + n + " vs " + v.n);
        }
        return v;
    }

    @Override
    public Segments segments() {
        return segments;
    }

    @Override
    public void copyFrom(Vec x) {
        CpuVec v = same(x);
        if (v != this) {
            Pointer.memcpy(data.pointer(), v.data.pointer(), (long) n * Float.BYTES);
        }
    }

    @Override
    public void fill(float value) {
        if (Float.floatToRawIntBits(value) == 0) {
            Pointer.memset(data.pointer(), 0, (long) n * Float.BYTES);
            return;
        }
        FloatBuffer b = data.buffer();
        for (int i = 0; i < n; i++) {
            b.put(i, value);
        }
    }

    @Override
    public void scale(float a) {
        openblas_nolapack.cblas_sscal(n, a, data.pointer(), 1);
    }

    @Override
    public void axpy(float a, Vec x) {
        openblas_nolapack.cblas_saxpy(n, a, same(x).data.pointer(), 1, data.pointer(), 1);
    }

    @Override
    public double dot(Vec x) {
        return openblas_nolapack.cblas_dsdot(n, data.pointer(), 1, same(x).data.pointer(), 1);
    }

    @Override
    public double norm2() {
        return Math.sqrt(openblas_nolapack.cblas_dsdot(n, data.pointer(), 1, data.pointer(), 1));
    }

    @Override
    public double norm2(SegmentScope scope) {
        long from = segments.offset(Math.min(scope.from(), segments.count()));
        long to = segments.offset(Math.min(scope.to(), segments.count()));
        int len = Math.toIntExact(to - from);
        if (len == 0) {
            return 0;
        }
        var p = data.at(from);
        return Math.sqrt(openblas_nolapack.cblas_dsdot(len, p, 1, p, 1));
    }

    @Override
    public void mulElementwise(Vec x) {
        FloatBuffer a = data.buffer();
        FloatBuffer b = same(x).data.buffer();
        for (int i = 0; i < n; i++) {
            a.put(i, a.get(i) * b.get(i));
        }
    }

    @Override
    public void abs() {
        FloatBuffer a = data.buffer();
        for (int i = 0; i < n; i++) {
            a.put(i, Math.abs(a.get(i)));
        }
    }

    @Override
    public void sgdStep(Vec grad, Vec momentum, float lr, float mu, float wd, boolean nesterov) {
        FloatBuffer w = data.buffer();
        FloatBuffer g = same(grad).data.buffer();
        FloatBuffer m = same(momentum).data.buffer();
        if (nesterov) {
            for (int i = 0; i < n; i++) {
                float wi = w.get(i);
                float d = g.get(i) + wd * wi;
                float mi = mu * m.get(i) + d;
                m.put(i, mi);
                w.put(i, wi - lr * (d + mu * mi));
            }
        } else {
            for (int i = 0; i < n; i++) {
                float wi = w.get(i);
                float d = g.get(i) + wd * wi;
                float mi = mu * m.get(i) + d;
                m.put(i, mi);
                w.put(i, wi - lr * mi);
            }
        }
    }

    @Override
    public void adamWStep(Vec grad, Vec m, Vec v, float lr, float b1, float b2, float eps, float wd, int t) {
        FloatBuffer w = data.buffer();
        FloatBuffer g = same(grad).data.buffer();
        FloatBuffer ms = same(m).data.buffer();
        FloatBuffer vs = same(v).data.buffer();
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        for (int i = 0; i < n; i++) {
            float wi = w.get(i);
            wi -= lr * wd * wi;
            float gi = g.get(i);
            float mi = b1 * ms.get(i) + (1 - b1) * gi;
            float vi = b2 * vs.get(i) + (1 - b2) * gi * gi;
            ms.put(i, mi);
            vs.put(i, vi);
            wi -= (float) (lr * (mi / c1) / (Math.sqrt(vi / c2) + eps));
            w.put(i, wi);
        }
    }

    @Override
    public float[] read() {
        float[] out = new float[n];
        data.buffer().get(0, out);
        return out;
    }

    @Override
    public void write(float[] values) {
        if (values.length != n) {
            throw new IllegalArgumentException("expected " + n + " values, got " + values.length);
        }
        data.buffer().put(0, values);
    }
}
