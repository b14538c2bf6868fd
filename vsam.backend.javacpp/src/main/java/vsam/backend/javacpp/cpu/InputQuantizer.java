package vsam.backend.javacpp.cpu;

import vsam.api.model.QuantizedLayer;
import vsam.api.model.Quantizer;
import vsam.api.model.Shape;

/**
 * The LSQ input quantizer in front of a convolution or linear layer, a node of its own (element-wise,
 * so either layout): forward it writes the codes {@code round(clip(x / s_a, −Q_N, Q_P))}, which the next
 * layer multiplies by {@link #scale()} (so it computes with {@code x̂ = code · s_a}); backward
 * {@code dx = dx̂ · [inside]} (in place on the incoming gradient) and
 * {@code ∂L/∂s_a = g · Σ dx̂ · ∂x̂/∂s_a} over the batch, {@code g = 1 / sqrt(N_features · Q_P)} (see
 * {@link LsqKernels}).
 *
 * <p>A step size {@code s_a ≤ 0} is "not initialised" (how {@link vsam.api.model.InitialWeights} writes it):
 * a CLEAN training pass sets it to {@code 2 · mean(|x|) / sqrt(Q_P)} over this batch's input, LSQ's
 * initialisation from the first batch; any other pass passes {@code x} through unquantised and reports
 * a zero step-size gradient.
 */
final class InputQuantizer extends Node {

    private final int stepSizeOffset;
    private final Quantizer quantizer;
    private final float scale;
    private NativeFloats y;
    private NativeFloats input;
    private float stepSize;

    InputQuantizer(QuantizedLayer layer, Shape shape, Layout layout, long stepSizeOffset) {
        super(shape, shape, layout, layout);
        this.stepSizeOffset = Math.toIntExact(stepSizeOffset);
        this.quantizer = layer.inputs();
        this.scale = layer.inputGradientScale();
    }

    @Override
    void reserve(int capacity, Arena arena) {
        release(arena);
        y = arena.floats((long) capacity * in.elements());
    }

    @Override
    void release(Arena arena) {
        arena.free(y);
        y = null;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        input = x;
        int total = c.n * in.elements();
        stepSize = c.p.get(stepSizeOffset);
        if (stepSize <= 0 && c.mode == Context.Mode.TRAIN) {
            stepSize = quantizer.initialStep(LsqKernels.meanAbs(x.buffer(), 0, total));
            c.p.put(stepSizeOffset, stepSize);
        }
        if (stepSize <= 0) {
            return x;
        }
        LsqKernels.codes(c.parallel, x.buffer(), 0, y.buffer(), 0, total, stepSize, quantizer);
        return y;
    }

    /** The factor of this pass's output: {@code s_a} for codes, 1 when the input passed through. */
    float scale() {
        return stepSize > 0 ? stepSize : 1f;
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        if (stepSize <= 0) {
            c.g.put(stepSizeOffset, 0f);
            return dy;
        }
        int total = c.n * in.elements();
        double sum = LsqKernels.backward(c.parallel, input.buffer(), 0, dy.buffer(), 0, total, stepSize, quantizer, needDx);
        c.g.put(stepSizeOffset, (float) (scale * sum));
        return needDx ? dy : null;
    }
}
