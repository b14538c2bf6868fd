package vsam.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vsam.api.vector.Segments;

/**
 * A network architecture that every backend builds identically: the input shape, the number of
 * classes, the layers in order and, optionally, a {@link Quantization} for quantization-aware training.
 *
 * <p><b>Parameter order</b> (and so the {@link Segments} table of every {@link vsam.api.vector.Vec} of the
 * network) is the layers' order; per layer: weight, bias, then, for a quantised convolution or linear
 * layer, its LSQ weight step {@code s_w} ({@code "<layer>.weight_step"}) and input step {@code s_a}
 * ({@code "<layer>.input_step"}), both one-element tensors; BatchNorm gamma, beta; inside a residual
 * block the main branch comes before the shortcut. A full-precision spec has no step sizes, so its
 * order is unchanged; the tensors it shares with its quantised variant have the same names.
 *
 * <p><b>Quantised specs</b> ({@link #quantized(Quantization)}, id {@code "<model>+<quantization>"},
 * e.g. {@code cnn-s+w4a4}) fake-quantise the weights and the input of every convolution and linear
 * layer with LSQ ({@link Quantizer}, {@link QuantizedLayer}); the first and last of those layers use
 * {@link Quantization#edgeBits()} or stay in full precision. Which input quantizers are unsigned is
 * decided from the structure (inputs that come out of a ReLU; see {@link #quantizedLayers()}).
 * Training and evaluation both apply the quantizers.
 *
 * @param id           catalogue name ({@code mlp}, {@code cnn-s}, {@code resnet18}), with {@code +<quantization>}
 *                     when quantised
 * @param input        shape of one example
 * @param classes      number of output classes
 * @param layers       the layers, applied in order; the last produces {@code classes} logits
 * @param quantization the LSQ quantization, or empty for a full-precision model
 */
public record ModelSpec(String id, Shape input, int classes, List<Layer> layers, Optional<Quantization> quantization) {

    /** Separates the model id from the quantization in a quantised spec's id ({@code cnn-s+w4a4}). */
    public static final String QUANTIZATION_SEPARATOR = "+";

    public ModelSpec {
        layers = List.copyOf(layers);
        Objects.requireNonNull(quantization, "quantization (use Optional.empty() for full precision)");
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        Shape out = Shape.through(layers, input);
        if (out.elements() != classes) {
            throw new IllegalArgumentException("model " + id + " produces " + out + " outputs, expected " + classes);
        }
    }

    /** A full-precision spec. */
    public ModelSpec(String id, Shape input, int classes, List<Layer> layers) {
        this(id, input, classes, layers, Optional.empty());
    }

    /**
     * This architecture quantised with {@code q} (replacing any quantization it had), with id
     * {@code "<base id>+<q>"}, e.g. {@code cnn-s+w4a4}.
     */
    public ModelSpec quantized(Quantization q) {
        return new ModelSpec(baseId() + QUANTIZATION_SEPARATOR + q.format(), input, classes, layers, Optional.of(q));
    }

    /** This architecture without quantization, under its base id. */
    public ModelSpec fullPrecision() {
        return new ModelSpec(baseId(), input, classes, layers, Optional.empty());
    }

    /** The id without the quantization suffix ({@code cnn-s} for {@code cnn-s+w4a4}). */
    public String baseId() {
        int at = id.indexOf(QUANTIZATION_SEPARATOR);
        return at < 0 ? id : id.substring(0, at);
    }

    /** The trainable tensors in spec order (see the class documentation). */
    public List<ParameterSpec> parameters() {
        return List.copyOf(new ParameterLayout(layers, input, quantization).parameters);
    }

    /**
     * The quantised convolution and linear layers in parameter order (empty for a full-precision spec).
     * A layer's input quantizer is unsigned when its input is known to be non-negative: it comes out of
     * a ReLU, possibly through max pooling, average pooling or flattening (in {@code cnn-s} every layer
     * but the first; the first layer sees normalised images and quantises them signed).
     */
    public List<QuantizedLayer> quantizedLayers() {
        return List.copyOf(new ParameterLayout(layers, input, quantization).quantized);
    }

    /** The segment table shared by every vector of a network built from this spec. */
    public Segments segments() {
        List<ParameterSpec> params = parameters();
        return new Segments(params.stream().map(ParameterSpec::name).toList(),
                params.stream().map(ParameterSpec::shape).toList());
    }

    /** Number of BatchNorm layers (each has running mean and variance buffers). */
    public int batchNormLayers() {
        return countBatchNorm(layers);
    }

    private static int countBatchNorm(List<Layer> layers) {
        int n = 0;
        for (Layer layer : layers) {
            if (layer instanceof Layer.BatchNorm2d) {
                n++;
            } else if (layer instanceof Layer.Residual r) {
                n += countBatchNorm(r.main()) + countBatchNorm(r.shortcut());
            }
        }
        return n;
    }
}
