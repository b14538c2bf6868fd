package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import java.util.Optional;
import org.bytedeco.javacpp.FloatPointer;
import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * Fully connected layer on {@code FLAT} activations with OpenBLAS {@code sgemm}, weight
 * {@code W[out][in]}, over {@code M = N·rows} rows: one per example for a flat input, one per token for a
 * token sequence {@code (T, in, 1)} ({@link Layer.Linear#rows}; docs/ARCHITECTURE.md, "Models"):
 * <pre>
 *   Y[M][out] = X[M][in] · Wᵀ + b      dW = dYᵀ · X      db = Σ_m dY[m]      dX = dY · W
 * </pre>
 * LSQ-quantised, {@code X} and {@code W} are integer codes and {@code Y = (s_a·s_w)·X·Wᵀ + b},
 * {@code dŵ = s_a·dYᵀ·X}, {@code dx̂ = s_w·dY·W}; the quantizers turn those into LSQ's gradients.
 */
final class Linear extends Node {

    private final int inFeatures;
    private final int outFeatures;
    /** Rows of the product per example: 1, or the tokens of a sequence. */
    private final int rows;
    private final long weightOffset;
    private final long biasOffset;
    private NativeFloats y;
    private NativeFloats dx;
    private NativeFloats input;
    private final Optional<WeightQuantizer> quantizer;
    private final Optional<InputQuantizer> inputQuantizer;
    private FloatPointer weightInUse;

    Linear(Layer.Linear layer, Shape in, long weightOffset) {
        this(layer, in, weightOffset, Optional.empty(), Optional.empty());
    }

    /**
     * An LSQ-quantised layer when the quantizers are present: {@code quantizer} writes the weight codes,
     * {@code inputQuantizer} (the node before this one) the input codes; the layer computes on the codes
     * and scales its output by {@code s_a · s_w} (see {@link vsam.api.model.Quantizer}).
     */
    Linear(Layer.Linear layer, Shape in, long weightOffset, Optional<WeightQuantizer> quantizer,
         Optional<InputQuantizer> inputQuantizer) {
        super(in, layer.outputShape(in), Layout.FLAT, Layout.FLAT);
        inFeatures = layer.in();
        outFeatures = layer.out();
        rows = layer.rows(in);
        this.weightOffset = weightOffset;
        this.quantizer = quantizer;
        this.inputQuantizer = inputQuantizer;
        this.biasOffset = layer.bias() ? weightOffset + (long) inFeatures * outFeatures : -1;
    }

    @Override
    void reserve(int capacity, Arena arena) {
        release(arena);
        y = arena.floats((long) capacity * rows * outFeatures);
        dx = arena.floats((long) capacity * rows * inFeatures);
        quantizer.ifPresent(q -> q.reserve(arena));
    }

    @Override
    void release(Arena arena) {
        quantizer.ifPresent(q -> q.release(arena));
        arena.free(y);
        arena.free(dx);
    }

    @Override
    long weights() {
        return (long) inFeatures * outFeatures;
    }

    /** {@code s_a} of the input codes, 1 when the input is not quantised. */
    private float inputScale() {
        return inputQuantizer.isPresent() ? inputQuantizer.get().scale() : 1f;
    }

    /** {@code s_w} of the weight codes, 1 when the weights are not quantised. */
    private float weightScale() {
        return quantizer.isPresent() ? quantizer.get().scale() : 1f;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        input = x;
        int n = c.n;
        var weight = quantizer.isPresent() ? quantizer.get().forward(c) : c.params.at(weightOffset);
        weightInUse = weight;
        int m = n * rows;
        c.parallel.split(m, 16, (part, e0, e1) -> Blas.gemm(false, true, e1 - e0, outFeatures, inFeatures, 1f,
                x.at((long) e0 * inFeatures), inFeatures, weight, inFeatures, 0f,
                y.at((long) e0 * outFeatures), outFeatures));
        float scale = inputScale() * weightScale();
        if (biasOffset >= 0 || scale != 1f) {
            FloatBuffer yb = y.buffer();
            FloatBuffer p = c.p;
            int b = (int) biasOffset;
            for (int e = 0; e < m; e++) {
                int row = e * outFeatures;
                for (int o = 0; o < outFeatures; o++) {
                    yb.put(row + o, yb.get(row + o) * scale + (b >= 0 ? p.get(b + o) : 0f));
                }
            }
        }
        return y;
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        int n = c.n * rows;
        var weight = weightInUse;
        NativeFloats x = input;
        int parts = c.parallel.parts(n, 16);
        float inScale = inputScale();
        float wScale = weightScale();
        c.parallel.split(n, 16, (part, e0, e1) -> {
            var dW = part == 0 ? c.grad.at(weightOffset) : c.partial[part - 1].pointer();
            Blas.gemm(true, false, outFeatures, inFeatures, e1 - e0, inScale, dy.at((long) e0 * outFeatures), outFeatures,
                    x.at((long) e0 * inFeatures), inFeatures, 0f, dW, inFeatures);
            if (needDx) {
                Blas.gemm(false, false, e1 - e0, inFeatures, outFeatures, wScale, dy.at((long) e0 * outFeatures), outFeatures,
                        weight, inFeatures, 0f, dx.at((long) e0 * inFeatures), inFeatures);
            }
        });
        c.reducePartials(weightOffset, outFeatures * inFeatures, parts);
        quantizer.ifPresent(q -> q.backward(c));
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
