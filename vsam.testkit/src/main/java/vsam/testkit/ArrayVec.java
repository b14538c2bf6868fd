package vsam.testkit;

import java.util.Arrays;
import vsam.api.vector.SegmentScope;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;

/** A {@link Vec} on the Java heap: float storage, double-precision reductions, the formulas of {@link Vec} verbatim. */
public final class ArrayVec implements Vec {

    private final Segments segments;
    final float[] data;

    public ArrayVec(Segments segments) {
        this.segments = segments;
        this.data = new float[Math.toIntExact(segments.totalLength())];
    }

    public ArrayVec(Segments segments, float[] values) {
        this(segments);
        write(values);
    }

    private static float[] of(Vec x) {
        return ((ArrayVec) x).data;
    }

    @Override
    public Segments segments() {
        return segments;
    }

    @Override
    public void copyFrom(Vec x) {
        System.arraycopy(of(x), 0, data, 0, data.length);
    }

    @Override
    public void fill(float v) {
        Arrays.fill(data, v);
    }

    @Override
    public void scale(float a) {
        for (int i = 0; i < data.length; i++) {
            data[i] *= a;
        }
    }

    @Override
    public void axpy(float a, Vec x) {
        float[] xs = of(x);
        for (int i = 0; i < data.length; i++) {
            data[i] += a * xs[i];
        }
    }

    @Override
    public double dot(Vec x) {
        float[] xs = of(x);
        double s = 0;
        for (int i = 0; i < data.length; i++) {
            s += (double) data[i] * xs[i];
        }
        return s;
    }

    @Override
    public double norm2() {
        return norm2(segments.all());
    }

    @Override
    public double norm2(SegmentScope scope) {
        int from = Math.toIntExact(segments.offset(scope.from()));
        int to = Math.toIntExact(segments.offset(Math.min(scope.to(), segments.count())));
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) data[i] * data[i];
        }
        return Math.sqrt(s);
    }

    @Override
    public void mulElementwise(Vec x) {
        float[] xs = of(x);
        for (int i = 0; i < data.length; i++) {
            data[i] *= xs[i];
        }
    }

    @Override
    public void abs() {
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.abs(data[i]);
        }
    }

    @Override
    public void sgdStep(Vec grad, Vec momentum, float lr, float mu, float wd, boolean nesterov) {
        float[] g = of(grad);
        float[] m = of(momentum);
        for (int i = 0; i < data.length; i++) {
            float d = g[i] + wd * data[i];
            m[i] = mu * m[i] + d;
            float step = nesterov ? d + mu * m[i] : m[i];
            data[i] -= lr * step;
        }
    }

    @Override
    public void adamWStep(Vec grad, Vec m, Vec v, float lr, float b1, float b2, float eps, float wd, int t) {
        float[] g = of(grad);
        float[] ms = of(m);
        float[] vs = of(v);
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        for (int i = 0; i < data.length; i++) {
            data[i] -= lr * wd * data[i];
            ms[i] = b1 * ms[i] + (1 - b1) * g[i];
            vs[i] = b2 * vs[i] + (1 - b2) * g[i] * g[i];
            data[i] -= (float) (lr * (ms[i] / c1) / (Math.sqrt(vs[i] / c2) + eps));
        }
    }

    @Override
    public float[] read() {
        return data.clone();
    }

    @Override
    public void write(float[] values) {
        if (values.length != data.length) {
            throw new IllegalArgumentException("expected " + data.length + " values, got " + values.length);
        }
        System.arraycopy(values, 0, data, 0, data.length);
    }
}
