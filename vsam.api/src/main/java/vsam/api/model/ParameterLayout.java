package vsam.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vsam.api.model.ParameterSpec.Role;

/**
 * The trainable tensors of a {@link ModelSpec} in spec order, and its quantised layers: one walk over
 * the layers so that parameter order and quantizer placement can never disagree.
 *
 * <p>Order per layer: weight, bias, then (quantised conv/linear only) the weight step {@code s_w} and the
 * input step {@code s_a}; BatchNorm gamma, beta; inside a residual block the main branch before the
 * shortcut.
 *
 * <p>Signedness of an input quantizer is decided from the structure: the network input (normalised
 * images) may be negative; a ReLU makes its output non-negative; max pooling, average pooling and
 * flattening keep that; convolution, linear and BatchNorm layers do not; a residual sum is
 * non-negative only when both branches are. A layer whose input is non-negative gets an unsigned
 * input quantizer, any other a signed one.
 */
final class ParameterLayout {

    final List<ParameterSpec> parameters = new ArrayList<>();
    final List<QuantizedLayer> quantized = new ArrayList<>();
    private final Optional<Quantization> quantization;
    private final int weightLayers;
    private int weightLayer;

    ParameterLayout(List<Layer> layers, Shape input, Optional<Quantization> quantization) {
        this.quantization = quantization;
        this.weightLayers = countWeightLayers(layers);
        walk(layers, "", input, false);
    }

    /** Adds the parameters of {@code layers}; returns whether their output is known to be non-negative. */
    private boolean walk(List<Layer> layers, String prefix, Shape input, boolean nonNegative) {
        Shape shape = input;
        boolean positive = nonNegative;
        for (int i = 0; i < layers.size(); i++) {
            String p = prefix + i + ".";
            Layer layer = layers.get(i);
            if (layer instanceof Layer.Conv2d c) {
                int fanIn = c.inChannels() * c.kernel() * c.kernel();
                int weight = add(p + "weight", new int[] {c.outChannels(), c.inChannels(), c.kernel(), c.kernel()},
                        Role.WEIGHT, fanIn);
                if (c.bias()) {
                    add(p + "bias", new int[] {c.outChannels()}, Role.BIAS, fanIn);
                }
                steps(p, weight, (long) c.outChannels() * fanIn, shape.elements(), positive);
                positive = false;
            } else if (layer instanceof Layer.Linear l) {
                int weight = add(p + "weight", new int[] {l.out(), l.in()}, Role.WEIGHT, l.in());
                if (l.bias()) {
                    add(p + "bias", new int[] {l.out()}, Role.BIAS, l.in());
                }
                steps(p, weight, (long) l.out() * l.in(), l.in(), positive);
                positive = false;
            } else if (layer instanceof Layer.BatchNorm2d b) {
                add(p + "gamma", new int[] {b.channels()}, Role.BATCH_NORM_GAMMA, 1);
                add(p + "beta", new int[] {b.channels()}, Role.BATCH_NORM_BETA, 1);
                positive = false;
            } else if (layer instanceof Layer.Relu) {
                positive = true;
            } else if (layer instanceof Layer.LayerNorm n) {
                add(p + "weight", new int[] {n.width()}, Role.LAYER_NORM_GAMMA, 1);
                add(p + "bias", new int[] {n.width()}, Role.LAYER_NORM_BETA, 1);
                positive = false;
            } else if (layer instanceof Layer.SelfAttention a) {
                int d = a.width();
                add(p + "qkv.weight", new int[] {3 * d, d}, Role.WEIGHT, d);
                add(p + "qkv.bias", new int[] {3 * d}, Role.BIAS, d);
                add(p + "proj.weight", new int[] {d, d}, Role.WEIGHT, d);
                add(p + "proj.bias", new int[] {d}, Role.BIAS, d);
                positive = false;
            } else if (layer instanceof Layer.PositionEmbedding e) {
                add(p + "weight", new int[] {1, e.tokens(), e.width()}, Role.EMBEDDING, 1);
                positive = false;
            } else if (layer instanceof Layer.ClassToken c) {
                add(p + "weight", new int[] {1, 1, c.width()}, Role.EMBEDDING, 1);
                positive = false;
            } else if (layer instanceof Layer.Gelu) {
                positive = false;
            } else if (layer instanceof Layer.Residual r) {
                boolean main = walk(r.main(), p + "main.", shape, positive);
                boolean shortcut = walk(r.shortcut(), p + "shortcut.", shape, positive);
                positive = main && shortcut;
            }
            // MaxPool2d, AvgPool2d, GlobalAvgPool, Flatten, Tokens and the token pools keep the sign (and have no parameters, but take an index)
            shape = layer.outputShape(shape);
        }
        return positive;
    }

    private int add(String name, int[] shape, Role role, int fanIn) {
        parameters.add(new ParameterSpec(name, shape, role, fanIn));
        return parameters.size() - 1;
    }

    /** After a conv/linear layer's own tensors: its two step sizes, when this layer is quantised. */
    private void steps(String p, int weight, long weightCount, long inputFeatures, boolean nonNegativeInput) {
        int index = weightLayer++;
        if (quantization.isEmpty()) {
            return;
        }
        Quantization q = quantization.get();
        boolean edge = index == 0 || index == weightLayers - 1;
        if (edge && !q.quantizesEdges()) {
            return;
        }
        int wBits = edge ? q.edgeBits() : q.weightBits();
        int aBits = edge ? q.edgeBits() : q.activationBits();
        int ws = add(p + "weight_step", new int[] {1}, Role.WEIGHT_STEP, 1);
        int as = add(p + "input_step", new int[] {1}, Role.INPUT_STEP, 1);
        quantized.add(new QuantizedLayer(p, weight, ws, as, new Quantizer(wBits, true),
                new Quantizer(aBits, !nonNegativeInput), weightCount, inputFeatures));
    }

    private static int countWeightLayers(List<Layer> layers) {
        int n = 0;
        for (Layer layer : layers) {
            if (layer instanceof Layer.Conv2d || layer instanceof Layer.Linear) {
                n++;
            } else if (layer instanceof Layer.Residual r) {
                n += countWeightLayers(r.main()) + countWeightLayers(r.shortcut());
            }
        }
        return n;
    }
}
