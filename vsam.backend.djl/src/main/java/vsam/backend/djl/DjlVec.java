package vsam.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import vsam.api.BackendException;
import vsam.api.vector.SegmentScope;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;

/**
 * A {@link Vec} stored as ONE flat {@code float32} libtorch tensor of {@link Segments#totalLength()}
 * elements. A network's parameter vector is the very tensor its layers' weights are views of, so
 * updating it updates the model.
 *
 * <p>Every operation is a handful of whole-vector libtorch calls, in place where libtorch has an
 * in-place form ({@code add_}, {@code mul_}, {@code sub_}, {@code copy_}); intermediate vectors live in
 * the session's reused {@linkplain DjlSession#scratch scratch tensors}, never fresh allocations.
 * Reductions ({@link #dot}, {@link #norm2}) are accumulated in {@code float64}, a chunk of
 * {@value #CHUNK} elements converted at a time, and only their scalar result crosses to the Java heap.
 * The arithmetic follows the formulas of {@link Vec} in the same order of float operations as the
 * pure-Java reference, so results agree to rounding.
 */
final class DjlVec implements Vec {

    /** Elements converted to float64 at a time by the reductions (8 MiB of doubles). */
    static final long CHUNK = 1L << 20;

    private final DjlSession session;
    private final Segments segments;
    /** The storage: a contiguous 1-D float32 tensor. */
    final NDArray data;

    DjlVec(DjlSession session, Segments segments, NDArray data) {
        this.session = session;
        this.segments = segments;
        this.data = data;
    }

    /** Whether this vector was made by {@code s}. */
    boolean belongsTo(DjlSession s) {
        return session == s;
    }

    @Override
    public Segments segments() {
        return segments;
    }

    private NDArray of(Vec x) {
        if (!(x instanceof DjlVec v) || v.session != session) {
            throw new BackendException("operand is not a vector of this djl session: " + x);
        }
        if (v.segments != segments && !v.segments.equals(segments)) {
            throw new BackendException("segment tables differ: " + v.segments + " vs " + segments);
        }
        session.ensureOpen();
        return v.data;
    }

    @Override
    public void copyFrom(Vec x) {
        NDArray src = of(x);
        if (src != data) {
            copy(data, src);
        }
    }

    @Override
    public void fill(float v) {
        session.ensureOpen();
        try (NDArray value = data.getManager().create(v)) {
            data.set(all(), value);
        }
    }

    @Override
    public void scale(float a) {
        session.ensureOpen();
        data.muli(a);
    }

    /** Scratch tensor {@code slot} of this vector's length holding {@code source} (the caller may change it). */
    private NDArray scratchCopy(int slot, NDArray source) {
        NDArray s = session.scratch(slot, segments.totalLength());
        copy(s, source);
        return s;
    }

    @Override
    public void axpy(float a, Vec x) {
        data.addi(scratchCopy(0, of(x)).muli(a));
    }

    @Override
    public double dot(Vec x) {
        return dot(data, of(x));
    }

    /**
     * {@code Σ a_i·b_i} in float64, converting one chunk of each at a time into float64 scratch (one
     * conversion per chunk when {@code a} and {@code b} are the same tensor).
     */
    private double dot(NDArray a, NDArray b) {
        long n = a.size();
        double sum = 0;
        for (long from = 0; from < n; from += CHUNK) {
            long len = Math.min(CHUNK, n - from);
            NDArray da = chunkAsDouble(0, a, from, len);
            NDArray db = b == a ? da : chunkAsDouble(1, b, from, len);
            try (NDArray s = da.dot(db)) {
                sum += s.toDoubleArray()[0];
            } finally {
                da.close();
                if (db != da) {
                    db.close();
                }
            }
        }
        return sum;
    }

    /** {@code x[from .. from+len)} converted into float64 scratch {@code slot} (a view of it is returned). */
    private NDArray chunkAsDouble(int slot, NDArray x, long from, long len) {
        NDArray doubles = session.scratch(slot, CHUNK, DataType.FLOAT64);
        NDArray target = JniUtils.slice((PtNDArray) doubles, 0, 0, len, 1);
        try (NDArray part = JniUtils.slice((PtNDArray) x, 0, from, from + len, 1)) {
            copy(target, part);
        }
        return target;
    }

    @Override
    public double norm2() {
        session.ensureOpen();
        return Math.sqrt(dot(data, data));
    }

    @Override
    public double norm2(SegmentScope scope) {
        session.ensureOpen();
        long from = segments.offset(Math.min(scope.from(), segments.count()));
        long to = segments.offset(Math.min(scope.to(), segments.count()));
        if (from == 0 && to == segments.totalLength()) {
            return Math.sqrt(dot(data, data));
        }
        if (to <= from) {
            return 0;
        }
        try (NDArray part = JniUtils.slice((PtNDArray) data, 0, from, to, 1)) {
            return Math.sqrt(dot(part, part));
        }
    }

    @Override
    public void mulElementwise(Vec x) {
        data.muli(of(x));
    }

    @Override
    public void abs() {
        session.ensureOpen();
        try (NDArray magnitude = data.abs()) {
            copy(data, magnitude);
        }
    }

    @Override
    public void sgdStep(Vec grad, Vec momentum, float lr, float mu, float wd, boolean nesterov) {
        NDArray g = of(grad);
        NDArray m = of(momentum);
        NDArray d = scratchCopy(0, data).muli(wd);
        d.addi(g);                                      // d = grad + wd·w
        m.muli(mu).addi(d);                             // momentum ← mu·momentum + d
        if (nesterov) {
            d.addi(scratchCopy(1, m).muli(mu));         // d = d + mu·momentum
            data.subi(d.muli(lr));                      // w ← w − lr·d
        } else {
            data.subi(scratchCopy(1, m).muli(lr));      // w ← w − lr·momentum
        }
    }

    @Override
    public void adamWStep(Vec grad, Vec m, Vec v, float lr, float b1, float b2, float eps, float wd, int t) {
        if (t < 1) {
            throw new IllegalArgumentException("AdamW step number must be >= 1, got " + t);
        }
        NDArray g = of(grad);
        NDArray first = of(m);
        NDArray second = of(v);
        data.subi(scratchCopy(0, data).muli(lr * wd));  // w ← w − lr·wd·w
        first.muli(b1).addi(scratchCopy(0, g).muli(1 - b1));   // m ← b1·m + (1 − b1)·g
        second.muli(b2).addi(scratchCopy(0, g).muli(1 - b2).muli(g)); // v ← b2·v + (1 − b2)·g²
        float c1 = (float) (1 - Math.pow(b1, t));
        float c2 = (float) (1 - Math.pow(b2, t));
        try (NDArray denominator = scratchCopy(0, second).divi(c2).sqrt()) {
            denominator.addi(eps);                      // sqrt(v / (1 − b2^t)) + eps
            NDArray step = scratchCopy(1, first).divi(c1);
            step.muli(lr).divi(denominator);            // lr · (m / (1 − b1^t)) / (...)
            data.subi(step);                            // w ← w − step
        }
    }

    @Override
    public float[] read() {
        session.ensureOpen();
        return data.toFloatArray();
    }

    @Override
    public void write(float[] values) {
        session.ensureOpen();
        if (values.length != segments.totalLength()) {
            throw new IllegalArgumentException("expected " + segments.totalLength() + " values, got " + values.length);
        }
        try (NDArray source = data.getManager().create(values)) {
            copy(data, source);
        }
    }

    /** {@code dst ← src} in place (libtorch {@code copy_} through a full-slice index put). */
    static void copy(NDArray dst, NDArray src) {
        dst.set(all(), src);
    }

    private static NDIndex all() {
        return new NDIndex(":");
    }

    @Override
    public String toString() {
        return "DjlVec[" + segments + "]";
    }
}
