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
 * in-place form ({@code add_}, {@code mul_}, {@code sub_}, {@code copy_}); temporaries are closed at
 * once. Reductions ({@link #dot}, {@link #norm2}) are accumulated in {@code float64} and only their
 * scalar result crosses to the Java heap. The arithmetic follows the formulas of {@link Vec} in the
 * same order of float operations as the pure-Java reference, so results agree to rounding.
 */
final class DjlVec implements Vec {

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

    @Override
    public void axpy(float a, Vec x) {
        try (NDArray ax = of(x).mul(a)) {
            data.addi(ax);
        }
    }

    @Override
    public double dot(Vec x) {
        NDArray other = of(x);
        if (other == data) {
            return sumOfSquares(data);
        }
        try (NDArray a = data.toType(DataType.FLOAT64, true);
             NDArray b = other.toType(DataType.FLOAT64, true);
             NDArray s = a.dot(b)) {
            return s.toDoubleArray()[0];
        }
    }

    @Override
    public double norm2() {
        session.ensureOpen();
        return Math.sqrt(sumOfSquares(data));
    }

    @Override
    public double norm2(SegmentScope scope) {
        session.ensureOpen();
        long from = segments.offset(Math.min(scope.from(), segments.count()));
        long to = segments.offset(Math.min(scope.to(), segments.count()));
        if (from == 0 && to == segments.totalLength()) {
            return Math.sqrt(sumOfSquares(data));
        }
        if (to <= from) {
            return 0;
        }
        try (NDArray part = JniUtils.slice((PtNDArray) data, 0, from, to, 1)) {
            return Math.sqrt(sumOfSquares(part));
        }
    }

    private static double sumOfSquares(NDArray x) {
        try (NDArray d = x.toType(DataType.FLOAT64, true); NDArray s = d.dot(d)) {
            return s.toDoubleArray()[0];
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
        try (NDArray d = data.mul(wd)) {
            d.addi(g);                                  // d = grad + wd·w
            m.muli(mu).addi(d);                         // momentum ← mu·momentum + d
            if (nesterov) {
                try (NDArray look = m.mul(mu)) {
                    d.addi(look);                       // d = d + mu·momentum
                }
                data.subi(d.muli(lr));                  // w ← w − lr·d
            } else {
                try (NDArray step = m.mul(lr)) {
                    data.subi(step);                    // w ← w − lr·momentum
                }
            }
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
        try (NDArray decay = data.mul(lr * wd)) {
            data.subi(decay);                           // w ← w − lr·wd·w
        }
        try (NDArray part = g.mul(1 - b1)) {
            first.muli(b1).addi(part);                  // m ← b1·m + (1 − b1)·g
        }
        try (NDArray part = g.mul(1 - b2)) {
            part.muli(g);
            second.muli(b2).addi(part);                 // v ← b2·v + (1 − b2)·g²
        }
        float c1 = (float) (1 - Math.pow(b1, t));
        float c2 = (float) (1 - Math.pow(b2, t));
        try (NDArray unbiased = second.div(c2);
             NDArray denominator = unbiased.sqrt();
             NDArray step = first.div(c1)) {
            denominator.addi(eps);                      // sqrt(v / (1 − b2^t)) + eps
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
