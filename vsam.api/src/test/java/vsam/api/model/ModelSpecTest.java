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
    void initialWeightsAreSeeded() {
        ModelSpec spec = Models.cnnS(MNIST, 10);
        for (InitScheme scheme : InitScheme.values()) {
            InitialWeights a = InitialWeights.generate(spec, scheme, 5);
            assertArrayEquals(a.flat(), InitialWeights.generate(spec, scheme, 5).flat());
            assertTrue(!java.util.Arrays.equals(a.flat(), InitialWeights.generate(spec, scheme, 6).flat()));
        }
        assertArrayEquals(InitialWeights.generate(spec, InitScheme.PYTORCH, 5).flat(), InitialWeights.generate(spec, 5).flat(),
                "the default scheme is PyTorch's");
    }

    /** PyTorch's nn.Conv2d / nn.Linear defaults: weights and biases U(−b, b), b = 1/√fan_in; BatchNorm γ = 1, β = 0. */
    @Test
    void pytorchSchemeDrawsWeightsAndBiasesUniformWithinOneOverRootFanIn() {
        ModelSpec spec = Models.cnnS(MNIST, 10);
        InitialWeights w = InitialWeights.generate(spec, InitScheme.PYTORCH, 3);
        List<ParameterSpec> params = spec.parameters();
        for (int i = 0; i < params.size(); i++) {
            ParameterSpec p = params.get(i);
            float[] t = w.tensor(i);
            switch (p.role()) {
                case WEIGHT, BIAS -> {
                    double b = 1 / Math.sqrt(p.fanIn());
                    Moments m = Moments.of(t);
                    assertTrue(m.maxAbs <= b, p.name() + ": |x| " + m.maxAbs + " beyond the bound " + b);
                    if (t.length >= 1000) {
                        // U(−b, b): mean 0, variance b²/3, and the draws reach close to the bound
                        assertEquals(0, m.mean, 0.02 * b, p.name());
                        assertEquals(b * b / 3, m.variance, 0.06 * b * b / 3, p.name());
                        assertTrue(m.maxAbs > 0.99 * b, p.name());
                    } else {
                        assertTrue(m.maxAbs > 0.5 * b, p.name() + ": not spread over the bound");
                    }
                }
                case BATCH_NORM_GAMMA -> assertEquals(Moments.of(t), new Moments(1, 0, 1), p.name());
                case BATCH_NORM_BETA -> assertEquals(Moments.of(t), new Moments(0, 0, 0), p.name());
                default -> throw new AssertionError("unexpected tensor " + p.name());
            }
        }
        // cnn-s's linear layers have biases, drawn too: 15.bias with fan_in 32·7·7
        assertEquals("15.bias", params.get(13).name());
        assertEquals(1568, params.get(13).fanIn());
    }

    /** The old default, kept by name: He-normal weights N(0, 2/fan_in), zero biases. */
    @Test
    void heSchemeDrawsNormalWeightsAndZeroBiases() {
        ModelSpec spec = Models.mlp(MNIST, 10);
        InitialWeights w = InitialWeights.generate(spec, InitScheme.HE, 3);
        List<ParameterSpec> params = spec.parameters();
        for (int i = 0; i < params.size(); i++) {
            ParameterSpec p = params.get(i);
            Moments m = Moments.of(w.tensor(i));
            if (p.role() == ParameterSpec.Role.BIAS) {
                assertEquals(new Moments(0, 0, 0), m, p.name());
            } else {
                double std = Math.sqrt(2.0 / p.fanIn());
                assertEquals(0, m.mean, 0.02 * std, p.name());
                assertEquals(std * std, m.variance, 0.06 * std * std, p.name());
                assertTrue(m.maxAbs > 3 * std, p.name() + ": a normal's tails reach past 3 σ in this many draws");
            }
        }
    }

    /** Mean, population variance and largest magnitude of a tensor. */
    private record Moments(double mean, double variance, double maxAbs) {
        static Moments of(float[] t) {
            double sum = 0;
            double max = 0;
            for (float x : t) {
                sum += x;
                max = Math.max(max, Math.abs(x));
            }
            double mean = sum / t.length;
            double sq = 0;
            for (float x : t) {
                sq += (x - mean) * (x - mean);
            }
            return new Moments(mean, sq / t.length, max);
        }
    }

    @Test
    void unknownModelNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.byId("vgg", MNIST, 10));
        assertEquals("unknown model 'vgg' (known: mlp, cnn-s, resnet18, vit-tiny, vit-cifar)", e.getMessage());
    }
}
