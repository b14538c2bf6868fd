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
 * <p>A step {@code s_w ≤ 0} is "not initialised": a CLEAN training pass sets it to
 * {@code 2 · mean(|w|) / sqrt(Q_P)} first; any other pass uses {@code w} unquantised and reports a zero
 * step gradient.
 */
final class WeightQuantizer {

    private final int weightOffset;
    private final int stepOffset;
    private final int count;
    private final Quantizer quantizer;
    private final float scale;
    private NativeFloats quantized;
    private float step;

    WeightQuantizer(QuantizedLayer layer, long weightOffset, long stepOffset) {
        this.weightOffset = Math.toIntExact(weightOffset);
        this.stepOffset = Math.toIntExact(stepOffset);
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
        step = c.p.get(stepOffset);
        if (step <= 0 && c.mode == Context.Mode.TRAIN) {
            step = quantizer.initialStep(LsqKernels.meanAbs(c.p, weightOffset, count));
            c.p.put(stepOffset, step);
        }
        if (step <= 0) {
            return c.params.at(weightOffset);
        }
        LsqKernels.codes(c.parallel, c.p, weightOffset, quantized.buffer(), 0, count, step, quantizer);
        return quantized.pointer();
    }

    /** The factor of the weights {@link #forward} returned: {@code s_w} for codes, 1 for plain weights. */
    float scale() {
        return step > 0 ? step : 1f;
    }

    /** Turns {@code ∂L/∂ŵ} in the weight's gradient slot into {@code ∂L/∂w} and writes {@code ∂L/∂s_w}. */
    void backward(Context c) {
        if (step <= 0) {
            c.g.put(stepOffset, 0f);
            return;
        }
        double sum = LsqKernels.backward(c.parallel, c.p, weightOffset, c.g, weightOffset, count, step, quantizer, true);
        c.g.put(stepOffset, (float) (scale * sum));
    }
}
