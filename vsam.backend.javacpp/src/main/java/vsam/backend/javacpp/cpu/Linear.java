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
    long weights() {
        return (long) inFeatures * outFeatures;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        input = x;
        int n = c.n;
        var weight = c.params.at(weightOffset);
        c.parallel.split(n, 16, (part, e0, e1) -> Blas.gemm(false, true, e1 - e0, outFeatures, inFeatures, 1f,
                x.at((long) e0 * inFeatures), inFeatures, weight, inFeatures, 0f,
                y.at((long) e0 * outFeatures), outFeatures));
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
        var weight = c.params.at(weightOffset);
        NativeFloats x = input;
        int parts = c.parallel.parts(n, 16);
        c.parallel.split(n, 16, (part, e0, e1) -> {
            var dW = part == 0 ? c.grad.at(weightOffset) : c.partial[part - 1].pointer();
            Blas.gemm(true, false, outFeatures, inFeatures, e1 - e0, 1f, dy.at((long) e0 * outFeatures), outFeatures,
                    x.at((long) e0 * inFeatures), inFeatures, 0f, dW, inFeatures);
            if (needDx) {
                Blas.gemm(false, false, e1 - e0, inFeatures, outFeatures, 1f, dy.at((long) e0 * outFeatures), outFeatures,
                        weight, inFeatures, 0f, dx.at((long) e0 * inFeatures), inFeatures);
            }
        });
        c.reducePartials(weightOffset, outFeatures * inFeatures, parts);
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
        return needDx ? dx : null;
    }
}
