package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * Fully connected layer on {@code FLAT} activations with OpenBLAS {@code sgemm}, weight
 * {@code W[out][in]}:
 * <pre>
 *   Y[N][out] = X[N][in] · Wᵀ + b      dW = dYᵀ · X      db = Σ_n dY[n]      dX = dY · W
 * </pre>
 */
final class Linear extends Node {

    private final int inFeatures;
    private final int outFeatures;
    private final long weightOffset;
    private final long biasOffset;
    private NativeFloats y;
    private NativeFloats dx;
    private NativeFloats input;

    Linear(Layer.Linear layer, Shape in, long weightOffset) {
        super(in, layer.outputShape(in), Layout.FLAT, Layout.FLAT);
        inFeatures = layer.in();
        outFeatures = layer.out();
        this.weightOffset = weightOffset;
        this.biasOffset = layer.bias() ? weightOffset + (long) inFeatures * outFeatures : -1;
    }

    @Override
    void reserve(int capacity, Arena arena) {
        release(arena);
        y = arena.floats((long) capacity * outFeatures);
        dx = arena.floats((long) capacity * inFeatures);
    }

    @Override
    void release(Arena arena) {
        arena.free(y);
        arena.free(dx);
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        input = x;
        int n = c.n;
        Blas.gemm(false, true, n, outFeatures, inFeatures, 1f, x.pointer(), inFeatures,
                c.params.at(weightOffset), inFeatures, 0f, y.pointer(), outFeatures);
        if (biasOffset >= 0) {
            FloatBuffer yb = y.buffer();
            FloatBuffer p = c.p;
            int b = (int) biasOffset;
            for (int e = 0; e < n; e++) {
                int row = e * outFeatures;
                for (int o = 0; o < outFeatures; o++) {
                    yb.put(row + o, yb.get(row + o) + p.get(b + o));
                }
            }
        }
        return y;
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        int n = c.n;
        Blas.gemm(true, false, outFeatures, inFeatures, n, 1f, dy.pointer(), outFeatures,
                input.pointer(), inFeatures, 0f, c.grad.at(weightOffset), inFeatures);
        if (biasOffset >= 0) {
            FloatBuffer db = dy.buffer();
            FloatBuffer g = c.g;
            int b = (int) biasOffset;
            for (int o = 0; o < outFeatures; o++) {
                double s = 0;
                for (int e = 0; e < n; e++) {
                    s += db.get(e * outFeatures + o);
                }
                g.put(b + o, (float) s);
            }
        }
        if (!needDx) {
            return null;
        }
        Blas.gemm(false, false, n, inFeatures, outFeatures, 1f, dy.pointer(), outFeatures,
                c.params.at(weightOffset), inFeatures, 0f, dx.pointer(), inFeatures);
        return dx;
    }
}
