package vsam.api.model;

/**
 * A convolution or linear layer of a quantised {@link ModelSpec}: which quantizers it applies and where
 * its two LSQ step sizes sit in the parameter vector. Built by {@link ModelSpec#quantizedLayers()};
 * backends look a layer up by the segment index of its weight.
 *
 * <p>The layer computes {@code y = op(x̂, ŵ) + b} with {@code ŵ = weights.quantize(w, s_w)} and
 * {@code x̂ = inputs.quantize(x, s_a)} (see {@link Quantizer}), evaluated as
 * {@code fl(s_a · s_w) · op(code(x), code(w)) + b}; the bias stays in full precision.
 *
 * @param name              the layer's path prefix, e.g. {@code "3."} or {@code "4.main.0."}
 * @param weightSegment     segment index of the layer's weight
 * @param weightStepSegment segment index of {@code s_w} (a one-element tensor)
 * @param inputStepSegment  segment index of {@code s_a} (a one-element tensor), always {@code weightStepSegment + 1}
 * @param weights           the weight quantizer (always signed)
 * @param inputs            the input quantizer (unsigned when the input comes out of a ReLU)
 * @param weightCount       {@code N} of the weight step's gradient scale: the number of weights
 * @param inputFeatures     {@code N} of the input step's gradient scale: input values per example
 */
public record QuantizedLayer(String name, int weightSegment, int weightStepSegment, int inputStepSegment,
                             Quantizer weights, Quantizer inputs, long weightCount, long inputFeatures) {

    /** {@code g} of the weight step: {@code 1 / sqrt(weightCount · Q_P)}. */
    public float weightGradientScale() {
        return weights.gradientScale(weightCount);
    }

    /** {@code g} of the input step: {@code 1 / sqrt(inputFeatures · Q_P)}. */
    public float inputGradientScale() {
        return inputs.gradientScale(inputFeatures);
    }
}
