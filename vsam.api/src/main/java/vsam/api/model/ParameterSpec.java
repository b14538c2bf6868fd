package vsam.api.model;

/**
 * One trainable tensor of a model: its name, shape, what role it plays, and the fans an
 * {@link InitScheme} needs to initialise it.
 *
 * @param name   path of the tensor, e.g. {@code "4.main.0.weight"}
 * @param shape  PyTorch layout ({@code [out, in, k, k]} for convolutions, {@code [out, in]} for linear)
 * @param role   what the tensor is, which decides how each scheme fills it
 * @param fanIn  inputs per output unit of the layer ({@code in·k·k} for a convolution, {@code in} for a linear
 *               layer); 1 where no fan applies
 */
public record ParameterSpec(String name, int[] shape, Role role, int fanIn) {

    /** What a tensor is; the {@link InitScheme} decides the numbers (docs/ARCHITECTURE.md, "Models"). */
    public enum Role {
        /** The weight of a convolution ({@code [out, in, k, k]}) or a fully connected layer ({@code [out, in]}). */
        WEIGHT,
        /** The bias of a convolution or fully connected layer. */
        BIAS,
        /** BatchNorm's gamma: always 1. */
        BATCH_NORM_GAMMA,
        /** BatchNorm's beta: always 0. */
        BATCH_NORM_BETA,
        /** LayerNorm's gamma: always 1. */
        LAYER_NORM_GAMMA,
        /** LayerNorm's beta: always 0. */
        LAYER_NORM_BETA,
        /**
         * A learned embedding added to or put among the tokens (position embedding, class token): always
         * {@code N(0, 0.02²)} truncated at two standard deviations, as timm starts them.
         */
        EMBEDDING,
        /**
         * An LSQ weight step size {@code s_w = 2 · mean(|w|) / sqrt(Q_P)} of the layer's initial weights
         * (see {@link Quantizer#initialStep}); a one-element tensor.
         */
        WEIGHT_STEP,
        /**
         * An LSQ input step size, written as 0 = "not initialised": the backend sets it to
         * {@code 2 · mean(|x|) / sqrt(Q_P)} of the layer's input in the first CLEAN pass; a one-element tensor.
         */
        INPUT_STEP
    }

    public ParameterSpec {
        shape = shape.clone();
        if (fanIn < 1) {
            throw new IllegalArgumentException("fan_in must be >= 1, got " + fanIn + " for " + name);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public int elements() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
