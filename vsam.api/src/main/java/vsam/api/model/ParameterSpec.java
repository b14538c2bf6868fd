package vsam.api.model;

/**
 * One trainable tensor of a model: its name, shape and how it is initialised.
 *
 * @param name   path of the tensor, e.g. {@code "4.main.0.weight"}
 * @param shape  PyTorch layout ({@code [out, in, k, k]} for convolutions, {@code [out, in]} for linear)
 * @param init   initialisation rule
 * @param fanIn  inputs per output unit, used by {@link Init#HE_NORMAL}
 */
public record ParameterSpec(String name, int[] shape, Init init, int fanIn) {

    /** Initialisation rules (ARCHITECTURE.md, "Models"). */
    public enum Init {
        /** Normal with mean 0 and {@code std = sqrt(2 / fan_in)} (He et al. 2015). */
        HE_NORMAL,
        /** All zeros (biases, BatchNorm beta). */
        ZEROS,
        /** All ones (BatchNorm gamma). */
        ONES,
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
