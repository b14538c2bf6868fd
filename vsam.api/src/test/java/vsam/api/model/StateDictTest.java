package vsam.api.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.api.network.NetworkState;

/**
 * Exported names number the layers as {@code torch.nn.Sequential} does (docs/ARCHITECTURE.md, "Exported
 * weights"): a layer without tensors (ReLU, pooling, flatten) still takes its index.
 */
class StateDictTest {

    @Test
    void poolingLayersTakeAnIndexButExportNothing() {
        ModelSpec spec = new ModelSpec("pooled", new Shape(1, 4, 4), 2, List.of(
                new Layer.Conv2d(1, 2, 3, 1, 1, true), new Layer.BatchNorm2d(2), new Layer.Relu(), new Layer.AvgPool2d(2),
                new Layer.MaxPool2d(1), new Layer.Flatten(), new Layer.Linear(8, 2, true)));
        float[] params = new float[(int) spec.segments().totalLength()];
        for (int i = 0; i < params.length; i++) {
            params[i] = i;
        }
        List<StateDict.Tensor> tensors = StateDict.of(spec, new NetworkState(params, new float[] {1, 2, 3, 4}), 7);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "6.weight", "6.bias"), tensors.stream().map(StateDict.Tensor::name).toList());
        assertArrayEquals(new long[] {2, 8}, tensors.get(7).shape());
        // the linear weight follows conv weight 18, bias 2, gamma 2, beta 2 in the flat vector
        assertEquals(24f, ((StateDict.Floats) tensors.get(7)).values()[0]);
    }
}
