package vsam.api.model;

import java.util.ArrayList;
import java.util.List;
import vsam.api.network.NetworkState;
import vsam.api.vector.Segments;

/**
 * A trained network's tensors under the names and shapes PyTorch's {@code state_dict()} gives the
 * equivalent {@code torch.nn.Sequential} (docs/ARCHITECTURE.md, "Exported weights"): in the spec's layer
 * order, {@code <i>.weight} and {@code <i>.bias} for convolutions and linear layers (PyTorch layouts), and
 * for BatchNorm {@code <i>.weight} (γ), {@code <i>.bias} (β), {@code <i>.running_mean},
 * {@code <i>.running_var} and {@code <i>.num_batches_tracked}. A residual block's branches are the
 * sub-modules {@code main} and {@code shortcut} ({@code 4.main.0.weight}). A quantised layer exports its
 * fake-quantised weights ({@link Quantizer#quantize} with its learnt step) and its LSQ step sizes
 * {@code <i>.weight_step} and {@code <i>.input_step}.
 */
public final class StateDict {

    /** One exported tensor. */
    public sealed interface Tensor permits Floats, Longs {
        String name();

        long[] shape();
    }

    /** A 32-bit float tensor. */
    public record Floats(String name, long[] shape, float[] values) implements Tensor {
    }

    /** A 64-bit integer tensor ({@code num_batches_tracked}, a scalar of shape {@code []}). */
    public record Longs(String name, long[] shape, long[] values) implements Tensor {
    }

    private StateDict() {
    }

    /**
     * The tensors of a network built from {@code spec} in state {@code state}.
     *
     * @param batchesSeen the clean passes the BatchNorm statistics have seen (PyTorch's {@code num_batches_tracked})
     * @throws IllegalArgumentException when the state does not fit the spec
     */
    public static List<Tensor> of(ModelSpec spec, NetworkState state, long batchesSeen) {
        List<ParameterSpec> params = spec.parameters();
        Segments segments = spec.segments();
        float[] values = state.parameters();
        float[] buffers = state.buffers();
        if (values.length != segments.totalLength()) {
            throw new IllegalArgumentException("the state holds " + values.length + " parameters, the model " + segments.totalLength());
        }
        float[] fakeQuantised = values.clone();
        for (QuantizedLayer q : spec.quantizedLayers()) {
            float step = values[(int) segments.offset(q.weightStepSegment())];
            int from = (int) segments.offset(q.weightSegment());
            int to = from + (int) segments.size(q.weightSegment());
            for (int i = from; i < to; i++) {
                fakeQuantised[i] = q.weights().quantize(values[i], step);
            }
        }
        List<Tensor> out = new ArrayList<>();
        int bufferAt = 0;
        for (int p = 0; p < params.size(); p++) {
            ParameterSpec ps = params.get(p);
            int from = (int) segments.offset(p);
            int length = (int) segments.size(p);
            float[] v = java.util.Arrays.copyOfRange(fakeQuantised, from, from + length);
            long[] shape = java.util.Arrays.stream(ps.shape()).asLongStream().toArray();
            switch (ps.role()) {
                case BATCH_NORM_GAMMA -> out.add(new Floats(layerOf(ps.name()) + "weight", shape, v));
                case BATCH_NORM_BETA -> {
                    String layer = layerOf(ps.name());
                    out.add(new Floats(layer + "bias", shape, v));
                    if (bufferAt + 2 * length > buffers.length) {
                        throw new IllegalArgumentException("the state holds too few BatchNorm buffers for " + layer);
                    }
                    out.add(new Floats(layer + "running_mean", shape, java.util.Arrays.copyOfRange(buffers, bufferAt, bufferAt + length)));
                    bufferAt += length;
                    out.add(new Floats(layer + "running_var", shape, java.util.Arrays.copyOfRange(buffers, bufferAt, bufferAt + length)));
                    bufferAt += length;
                    out.add(new Longs(layer + "num_batches_tracked", new long[0], new long[] {batchesSeen}));
                }
                default -> out.add(new Floats(ps.name(), shape, v));
            }
        }
        if (bufferAt != buffers.length) {
            throw new IllegalArgumentException("the state holds " + buffers.length + " BatchNorm buffer values, the model " + bufferAt);
        }
        return out;
    }

    /** {@code 1.gamma} → {@code 1.}. */
    private static String layerOf(String name) {
        return name.substring(0, name.lastIndexOf('.') + 1);
    }
}
