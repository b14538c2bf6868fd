package vsam.backend.javacpp.cpu;

import org.bytedeco.javacpp.FloatPointer;
import vsam.api.model.QuantizedLayer;
import vsam.api.model.Quantizer;

/**
 * The LSQ weight quantizer of one convolution or linear layer: before the layer's forward pass it
 * writes the codes {@code round(clip(w / s_w, −Q_N, Q_P))} into a buffer of its own, which the layer
 * then uses in place of {@code w} (forward and input gradient) with the factor {@link #scale()}, so that
 * it computes with {@code ŵ = code · s_w}; after the layer's backward pass has
 * written {@code ∂L/∂ŵ} into the gradient slot of {@code w}, it turns that into
 * {@code ∂L/∂w = ∂L/∂ŵ · [inside]} and writes {@code ∂L/∂s_w = g · Σ ∂L/∂ŵ · ∂ŵ/∂s_w},
 * {@code g = 1 / sqrt(N_w · Q_P)} (see {@link LsqKernels}).
 *
 * <p>A step size {@code s_w ≤ 0} is "not initialised": a CLEAN training pass sets it to
 * {@code 2 · mean(|w|) / sqrt(Q_P)} first; any other pass uses {@code w} unquantised and reports a zero
 * step-size gradient.
 */
final class WeightQuantizer {

    private final int weightOffset;
    private final int stepSizeOffset;
    private final int count;
    private final Quantizer quantizer;
    private final float scale;
    private NativeFloats quantized;
    private float stepSize;

    WeightQuantizer(QuantizedLayer layer, long weightOffset, long stepSizeOffset) {
        this.weightOffset = Math.toIntExact(weightOffset);
        this.stepSizeOffset = Math.toIntExact(stepSizeOffset);
        this.count = Math.toIntExact(layer.weightCount());
        this.quantizer = layer.weights();
        this.scale = layer.weightGradientScale();
    }

    void reserve(Arena arena) {
        if (quantized == null) {
            quantized = arena.floats(count);
        }
    }

    void release(Arena arena) {
        arena.free(quantized);
        quantized = null;
    }

    /** Quantises the weights for this pass; returns the weights the layer must use. */
    FloatPointer forward(Context c) {
        stepSize = c.p.get(stepSizeOffset);
        if (stepSize <= 0 && c.mode == Context.Mode.TRAIN) {
            stepSize = quantizer.initialStep(LsqKernels.meanAbs(c.p, weightOffset, count));
            c.p.put(stepSizeOffset, stepSize);
        }
        if (stepSize <= 0) {
            return c.params.at(weightOffset);
        }
        LsqKernels.codes(c.parallel, c.p, weightOffset, quantized.buffer(), 0, count, stepSize, quantizer);
        return quantized.pointer();
    }

    /** The factor of the weights {@link #forward} returned: {@code s_w} for codes, 1 for plain weights. */
    float scale() {
        return stepSize > 0 ? stepSize : 1f;
    }

    /** Turns {@code ∂L/∂ŵ} in the weight's gradient slot into {@code ∂L/∂w} and writes {@code ∂L/∂s_w}. */
    void backward(Context c) {
        if (stepSize <= 0) {
            c.g.put(stepSizeOffset, 0f);
            return;
        }
        double sum = LsqKernels.backward(c.parallel, c.p, weightOffset, c.g, weightOffset, count, stepSize, quantizer, true);
        c.g.put(stepSizeOffset, (float) (scale * sum));
    }
}
