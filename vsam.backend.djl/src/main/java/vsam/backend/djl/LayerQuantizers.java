package vsam.backend.djl;

import ai.djl.ndarray.NDArray;
import vsam.api.model.QuantizedLayer;
import vsam.api.model.Quantizer;

/**
 * The two LSQ quantizers of one quantised convolution or linear layer, as its layer operation applies them: the
 * layer computes {@code op(code(x), code(w)) · (s_a · s_w) + b} (see {@link FakeQuant}); the bias
 * stays in full precision.
 *
 * <p>A step size {@code ≤ 0} is "not initialised": in the initialisation pass of a CLEAN training pass
 * ({@link LayerOp.Forward#initialise()}) it is set to {@code 2 · mean(|·|) / sqrt(Q_P)} of the tensor it
 * quantises; in any other pass the tensor passes through unquantised (a zero step gradient).
 *
 * @param weightStepSize segment index of {@code s_w}
 * @param inputStepSize  segment index of {@code s_a}
 * @param weights     the weight quantizer
 * @param inputs      the input quantizer
 * @param weightScale LSQ's gradient scale of {@code s_w}
 * @param inputScale  LSQ's gradient scale of {@code s_a}
 */
record LayerQuantizers(int weightStepSize, int inputStepSize, Quantizer weights, Quantizer inputs, float weightScale,
                       float inputScale) {

    static LayerQuantizers of(QuantizedLayer layer) {
        return new LayerQuantizers(layer.weightStepSegment(), layer.inputStepSegment(), layer.weights(), layer.inputs(),
                layer.weightGradientScale(), layer.inputGradientScale());
    }

    /** The codes of {@code x}, or {@code x} itself when {@code s_a} is not initialised. */
    FakeQuant.Coded input(NDArray x, LayerOp.Forward f) {
        return f.ready(inputStepSize, x, inputs) ? FakeQuant.apply(x, f.params()[inputStepSize], inputs, inputScale)
                : FakeQuant.Coded.plain(x);
    }

    /** The codes of {@code w}, or {@code w} itself when {@code s_w} is not initialised. */
    FakeQuant.Coded weight(NDArray w, LayerOp.Forward f) {
        return f.ready(weightStepSize, w, weights) ? FakeQuant.apply(w, f.params()[weightStepSize], weights, weightScale)
                : FakeQuant.Coded.plain(w);
    }
}
