package vsam.api.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vsam.api.vector.Segments;

/** Where a quantised spec puts its LSQ step sizes, which quantizers it picks, and how they start. */
class QuantizedModelSpecTest {

    private static final Shape MNIST = new Shape(1, 28, 28);

    private static List<String> names(Segments s) {
        return IntStream.range(0, s.count()).mapToObj(s::name).toList();
    }

    @Test
    void stepSizesFollowEachQuantisedLayersWeightAndBias() {
        Segments s = Models.cnnS(MNIST, 10).quantized(Quantization.of(4, 4)).segments();
        assertEquals(List.of("0.weight", "0.weight_step", "0.input_step", "1.gamma", "1.beta",
                "3.weight", "3.weight_step", "3.input_step", "4.gamma", "4.beta",
                "7.weight", "7.weight_step", "7.input_step", "8.gamma", "8.beta",
                "10.weight", "10.weight_step", "10.input_step", "11.gamma", "11.beta",
                "15.weight", "15.bias", "15.weight_step", "15.input_step",
                "17.weight", "17.bias", "17.weight_step", "17.input_step"), names(s));
        assertArrayEquals(new int[] {1}, s.shape(1));
        assertEquals(Models.cnnS(MNIST, 10).segments().totalLength() + 12, s.totalLength());
    }

    @Test
    void fullPrecisionEdgesHaveNoStepSizes() {
        ModelSpec spec = Models.mlp(MNIST, 10).quantized(Quantization.parse("w2a2/fp"));
        assertEquals(List.of("1.weight", "1.bias", "3.weight", "3.bias", "3.weight_step", "3.input_step",
                "5.weight", "5.bias"), names(spec.segments()));
        QuantizedLayer middle = spec.quantizedLayers().get(0);
        assertEquals(new Quantizer(2, true), middle.weights());
        assertEquals(new Quantizer(2, false), middle.inputs());
        assertEquals(256L * 256, middle.weightCount());
        assertEquals(256L, middle.inputFeatures());
        assertEquals(2, middle.weightSegment());
        assertEquals(4, middle.weightStepSegment());
        assertEquals(5, middle.inputStepSegment());
    }

    @Test
    void firstLayerQuantisesSignedInputsTheOthersUnsigned() {
        List<QuantizedLayer> layers = Models.cnnS(MNIST, 10).quantized(new Quantization(2, 3, 4)).quantizedLayers();
        assertEquals(6, layers.size());
        assertEquals(new Quantizer(4, true), layers.get(0).inputs());
        assertEquals(new Quantizer(4, true), layers.get(0).weights());
        assertEquals(28L * 28, layers.get(0).inputFeatures());
        for (int i = 1; i < 5; i++) {
            assertEquals(new Quantizer(3, false), layers.get(i).inputs(), layers.get(i).name());
            assertEquals(new Quantizer(2, true), layers.get(i).weights(), layers.get(i).name());
        }
        assertEquals(16L * 28 * 28, layers.get(1).inputFeatures());
        assertEquals(32L * 7 * 7, layers.get(4).inputFeatures());
        assertEquals(new Quantizer(4, false), layers.get(5).inputs());
    }

    @Test
    void residualBlocksQuantiseReluOutputsUnsigned() {
        List<QuantizedLayer> layers = Models.resnet18(new Shape(3, 32, 32), 10).quantized(Quantization.of(4, 4))
                .quantizedLayers();
        assertEquals(21, layers.size());
        assertTrue(layers.get(0).inputs().signed());
        for (QuantizedLayer q : layers.subList(1, layers.size())) {
            assertTrue(!q.inputs().signed(), q.name() + " reads a ReLU output");
        }
        assertEquals("7.shortcut.0.", layers.stream().filter(q -> q.name().contains("shortcut")).findFirst().orElseThrow().name());
    }

    @Test
    void weightStepsAreTwiceTheMeanMagnitudeOverRootQpAndInputStepsStartAtZero() {
        ModelSpec fp = Models.cnnS(MNIST, 10);
        ModelSpec spec = fp.quantized(Quantization.of(4, 4));
        InitialWeights init = InitialWeights.generate(spec, 7);
        InitialWeights plain = InitialWeights.generate(fp, 7);
        assertArrayEquals(plain.tensor(0), init.tensor(0), "same seed, same weights");
        assertArrayEquals(plain.tensor(12), init.tensor(20), "15.weight");
        double mean = 0;
        for (float w : init.tensor(5)) {
            mean += Math.abs(w);
        }
        mean /= init.tensor(5).length;
        assertEquals(2 * mean / Math.sqrt(7), init.tensor(6)[0], 1e-6);
        assertEquals(0f, init.tensor(7)[0]);
        double first = 0;
        for (float w : init.tensor(0)) {
            first += Math.abs(w);
        }
        assertEquals(2 * first / init.tensor(0).length / Math.sqrt(127), init.tensor(1)[0], 1e-6, "first layer: 8 bits");
    }

    @Test
    void transferCopiesAFullPrecisionRunsTensorsAndReinitialisesSteps() {
        ModelSpec fp = Models.mlp(MNIST, 10);
        ModelSpec spec = fp.quantized(Quantization.of(2, 2));
        float[] trained = InitialWeights.generate(fp, 1).flat();
        for (int i = 0; i < trained.length; i++) {
            trained[i] *= 3;
        }
        InitialWeights init = InitialWeights.transfer(spec, fp.segments(), trained, InitScheme.DEFAULT, 99);
        Segments target = spec.segments();
        assertArrayEquals(java.util.Arrays.copyOfRange(trained, 0, 784 * 256), init.tensor(0));
        assertEquals(0f, init.tensor(3)[0], "input step: set from the first batch");
        double mean = 0;
        for (float w : init.tensor(0)) {
            mean += Math.abs(w);
        }
        assertEquals(2 * mean / init.tensor(0).length / Math.sqrt(127), init.tensor(2)[0], 1e-6);
        assertEquals(target, init.segments());
        assertThrows(IllegalArgumentException.class,
                () -> InitialWeights.transfer(spec, Models.cnnS(MNIST, 10).segments(), new float[(int) Models.cnnS(MNIST, 10)
                        .segments().totalLength()], InitScheme.DEFAULT, 0));
    }

    @Test
    void quantisedIdsAreValidRunConfigModels() {
        vsam.api.config.RunConfig c = vsam.api.config.RunConfig.defaults();
        assertEquals("cnn-s+w4a4", c.withModel("cnn-s+w4a4").model());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.withModel("cnn-s+w7a4"));
        assertTrue(e.getMessage().startsWith("invalid model: 'cnn-s+w7a4'"), e.getMessage());
    }
}
