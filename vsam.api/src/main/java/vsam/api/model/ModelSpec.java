package vsam.api.model;

import java.util.ArrayList;
import java.util.List;
import vsam.api.vector.Segments;

/**
 * A network architecture that every backend builds identically: the input shape, the number of
 * classes and the layers in order. The parameter order (and so the {@link Segments} table of every
 * {@link vsam.api.vector.Vec} of the network) is the layers' order, per layer weight, bias, then
 * BatchNorm gamma, beta; inside a residual block the main branch comes before the shortcut.
 *
 * @param id      catalogue name ({@code mlp}, {@code cnn-s}, {@code resnet18})
 * @param input   shape of one example
 * @param classes number of output classes
 * @param layers  the layers, applied in order; the last produces {@code classes} logits
 */
public record ModelSpec(String id, Shape input, int classes, List<Layer> layers) {

    public ModelSpec {
        layers = List.copyOf(layers);
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        Shape out = Shape.through(layers, input);
        if (out.elements() != classes) {
            throw new IllegalArgumentException("model " + id + " produces " + out + " outputs, expected " + classes);
        }
    }

    /** The trainable tensors in spec order. */
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> out = new ArrayList<>();
        collect(layers, "", out);
        return List.copyOf(out);
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

    private static void collect(List<Layer> layers, String prefix, List<ParameterSpec> out) {
        for (int i = 0; i < layers.size(); i++) {
            String p = prefix + i + ".";
            Layer layer = layers.get(i);
            if (layer instanceof Layer.Conv2d c) {
                int fanIn = c.inChannels() * c.kernel() * c.kernel();
                out.add(new ParameterSpec(p + "weight",
                        new int[] {c.outChannels(), c.inChannels(), c.kernel(), c.kernel()},
                        ParameterSpec.Init.HE_NORMAL, fanIn));
                if (c.bias()) {
                    out.add(new ParameterSpec(p + "bias", new int[] {c.outChannels()}, ParameterSpec.Init.ZEROS, fanIn));
                }
            } else if (layer instanceof Layer.Linear l) {
                out.add(new ParameterSpec(p + "weight", new int[] {l.out(), l.in()}, ParameterSpec.Init.HE_NORMAL, l.in()));
                if (l.bias()) {
                    out.add(new ParameterSpec(p + "bias", new int[] {l.out()}, ParameterSpec.Init.ZEROS, l.in()));
                }
            } else if (layer instanceof Layer.BatchNorm2d b) {
                out.add(new ParameterSpec(p + "gamma", new int[] {b.channels()}, ParameterSpec.Init.ONES, 1));
                out.add(new ParameterSpec(p + "beta", new int[] {b.channels()}, ParameterSpec.Init.ZEROS, 1));
            } else if (layer instanceof Layer.Residual r) {
                collect(r.main(), p + "main.", out);
                collect(r.shortcut(), p + "shortcut.", out);
            }
        }
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
