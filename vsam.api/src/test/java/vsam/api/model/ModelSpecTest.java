package vsam.api.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.api.vector.Segments;

/** The shared model specs and the seeded initializer every backend starts from. */
class ModelSpecTest {

    private static final Shape MNIST = new Shape(1, 28, 28);
    private static final Shape CIFAR = new Shape(3, 32, 32);

    @Test
    void resnet18HasTheCifarVariantsParameterCount() {
        ModelSpec spec = Models.resnet18(CIFAR, 10);
        // torchvision-style CIFAR ResNet-18 with BN affine parameters: 11,173,962 trainable parameters.
        assertEquals(11_173_962, spec.segments().totalLength());
        assertEquals(20, spec.batchNormLayers());
        assertEquals(62, spec.segments().count());
    }

    @Test
    void cnnSParameterOrderIsLayerOrderWeightBiasGammaBeta() {
        Segments s = Models.cnnS(MNIST, 10).segments();
        assertEquals(List.of("0.weight", "1.gamma", "1.beta", "3.weight", "4.gamma", "4.beta", "7.weight", "8.gamma",
                "8.beta", "10.weight", "11.gamma", "11.beta", "15.weight", "15.bias", "17.weight", "17.bias"),
                java.util.stream.IntStream.range(0, s.count()).mapToObj(s::name).toList());
        assertArrayEquals(new int[] {128, 32 * 7 * 7}, s.shape(12));
        assertEquals(new vsam.api.vector.SegmentScope(6, 16), s.last(10));
    }

    @Test
    void mlpIsFlatten256Relu256ReluClasses() {
        Segments s = Models.mlp(MNIST, 10).segments();
        assertEquals(784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10, s.totalLength());
    }

    @Test
    void initialWeightsAreSeededHeNormalZerosAndOnes() {
        ModelSpec spec = Models.cnnS(MNIST, 10);
        InitialWeights a = InitialWeights.generate(spec, 5);
        assertArrayEquals(a.flat(), InitialWeights.generate(spec, 5).flat());
        assertTrue(!java.util.Arrays.equals(a.flat(), InitialWeights.generate(spec, 6).flat()));
        float[] conv = a.tensor(3);          // 3.weight: 16×16×3×3, fan_in 144
        double sq = 0;
        for (float x : conv) {
            sq += x * x;
        }
        assertEquals(Math.sqrt(2.0 / 144), Math.sqrt(sq / conv.length), 0.05 * Math.sqrt(2.0 / 144));
        for (float x : a.tensor(1)) {
            assertEquals(1f, x);
        }
        for (float x : a.tensor(13)) {
            assertEquals(0f, x);
        }
    }

    @Test
    void unknownModelNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.byId("vgg", MNIST, 10));
        assertEquals("unknown model 'vgg' (known: mlp, cnn-s, resnet18)", e.getMessage());
    }
}
