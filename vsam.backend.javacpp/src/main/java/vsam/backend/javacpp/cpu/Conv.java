package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import java.util.Optional;
import org.bytedeco.javacpp.FloatPointer;
import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * 2-D convolution in the channel-major layout. The products themselves are its {@link ConvKernel}'s,
 * chosen once when the layer is built: oneDNN's primitives when the session has oneDNN
 * ({@link DnnlConvKernel}), else im2col and OpenBLAS {@code sgemm} ({@link GemmConvKernel}). The layer
 * adds the bias per output channel ({@code db = Σ dY}) and, quantised, the LSQ scales.
 *
 * <p>LSQ-quantised, it convolves the integer codes ({@code W = code(w)}, {@code x = code(x)}) and
 * scales: {@code Y = (s_a·s_w)·(W ⋆ x) + b}, {@code dŵ = s_a·(Σ dY ⋆ x)}, {@code dx̂ = s_w·(Wᵀ ⋆ dY)};
 * the quantizers turn {@code dŵ}, {@code dx̂} into LSQ's gradients.
 */
final class Conv extends Node {

    private final ConvGeometry geometry;
    private final ConvKernel kernel;
    private final long weightOffset;
    private final long biasOffset;
    private NativeFloats y;
    private NativeFloats dx;
    private NativeFloats input;
    private final Optional<WeightQuantizer> quantizer;
    private final Optional<InputQuantizer> inputQuantizer;
    private FloatPointer weightInUse;
    private Arena arena;

    /**
     * An LSQ-quantised layer when the quantizers are present: {@code quantizer} writes the weight codes,
     * {@code inputQuantizer} (the node before this one) the input codes; the layer computes on the codes
     * and scales its output by {@code s_a · s_w} (see {@link vsam.api.model.Quantizer}). It convolves with
     * oneDNN when {@code dnnl} is present, else by im2col + sgemm.
     */
    Conv(Layer.Conv2d layer, Shape in, long weightOffset, Optional<WeightQuantizer> quantizer,
         Optional<InputQuantizer> inputQuantizer, Optional<Dnnl> dnnl) {
        super(in, layer.outputShape(in), Layout.CHANNELS, Layout.CHANNELS);
        geometry = ConvGeometry.of(layer, in);
        this.weightOffset = weightOffset;
        this.quantizer = quantizer;
        this.inputQuantizer = inputQuantizer;
        this.biasOffset = layer.bias() ? weightOffset + weights() : -1;
        this.kernel = ConvKernel.choose(geometry, dnnl);
    }

    /**
     * A full-precision layer without bias on oneDNN whose output is in the {@code BLOCKED} layout and whose input
     * is in {@code inLayout} ({@code BLOCKED} or {@code CHANNELS}): {@link #blockable} says when it may be used.
     */
    Conv(Layer.Conv2d layer, Shape in, Layout inLayout, long weightOffset, Dnnl dnnl) {
        super(in, layer.outputShape(in), inLayout, Layout.BLOCKED);
        if (!blockable(layer) || inLayout == Layout.FLAT) {
            throw new IllegalArgumentException("not a blocked convolution: " + layer + " on " + in + " in " + inLayout);
        }
        geometry = ConvGeometry.of(layer, in);
        this.weightOffset = weightOffset;
        this.quantizer = Optional.empty();
        this.inputQuantizer = Optional.empty();
        this.biasOffset = -1;
        this.kernel = new DnnlConvKernel(dnnl, geometry, inLayout == Layout.BLOCKED, true);
    }

    /**
     * Whether {@code layer} can write the {@code BLOCKED} layout: no bias (its loop is channel-major) and output
     * channels a multiple of {@value Layout#BLOCK}; its input is then {@code BLOCKED} or {@code CHANNELS}.
     */
    static boolean blockable(Layer.Conv2d layer) {
        return !layer.bias() && layer.outChannels() % Layout.BLOCK == 0;
    }

    @Override
    long workspace(int capacity) {
        return kernel.workspace(capacity);
    }

    @Override
    long weights() {
        return (long) geometry.cout() * geometry.kk();
    }

    @Override
    void reserve(int capacity, Arena arena) {
        this.arena = arena;
        arena.free(y);
        arena.free(dx);
        y = arena.floats((long) geometry.cout() * capacity * geometry.ho() * geometry.wo());
        dx = arena.floats((long) geometry.cin() * capacity * geometry.h() * geometry.w());
        quantizer.ifPresent(q -> q.reserve(arena));
    }

    @Override
    void release(Arena arena) {
        kernel.release();
        quantizer.ifPresent(q -> q.release(arena));
        arena.free(y);
        arena.free(dx);
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
        int n = c.n;
        int cout = geometry.cout();
        int ldy = n * geometry.ho() * geometry.wo();
        input = x;
        var weight = quantizer.isPresent() ? quantizer.get().forward(c) : c.params.at(weightOffset);
        weightInUse = weight;
        if (Blas.PROFILE) {
            Profile.addConvFlops(2L * ldy * cout * geometry.kk());
        }
        kernel.forward(c, arena, x, weight, y);
        float scale = inputScale() * weightScale();
        if (biasOffset >= 0 || scale != 1f) {
            FloatBuffer yb = y.buffer();
            FloatBuffer p = c.p;
            c.parallel.range(cout, 1, (from, to) -> {
                for (int co = from; co < to; co++) {
                    float b = biasOffset >= 0 ? p.get((int) (biasOffset + co)) : 0f;
                    int base = co * ldy;
                    for (int i = 0; i < ldy; i++) {
                        yb.put(base + i, yb.get(base + i) * scale + b);
                    }
                }
            });
        }
        return y;
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        int n = c.n;
        int ldy = n * geometry.ho() * geometry.wo();
        if (Blas.PROFILE) {
            Profile.addConvFlops((needDx ? 4L : 2L) * ldy * geometry.cout() * geometry.kk());
        }
        kernel.backward(c, arena, input, weightInUse, dy, weightOffset, inputScale(), weightScale(), needDx ? dx : null);
        quantizer.ifPresent(q -> q.backward(c));
        if (biasOffset >= 0) {
            FloatBuffer d = dy.buffer();
            FloatBuffer g = c.g;
            c.parallel.range(geometry.cout(), 1, (from, to) -> {
                for (int co = from; co < to; co++) {
                    g.put((int) (biasOffset + co), (float) Kernels.sum(d, co * ldy, ldy));
                }
            });
        }
        return needDx ? dx : null;
    }
}
