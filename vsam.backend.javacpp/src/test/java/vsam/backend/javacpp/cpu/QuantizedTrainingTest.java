package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vsam.algorithm.optim.Sgd;
import vsam.algorithm.step.Method;
import vsam.algorithm.step.Methods;
import vsam.algorithm.step.SharpnessAwareStep;
import vsam.api.Session;
import vsam.api.config.MethodConfig;
import vsam.api.config.VsamConfig;
import vsam.api.config.Warmup;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Quantization;
import vsam.api.model.QuantizedLayer;
import vsam.api.model.Shape;
import vsam.api.network.BatchSource;
import vsam.api.network.DeviceBatch;
import vsam.api.network.Evaluation;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.testkit.InMemorySource;

/**
 * Quantization-aware training works end to end with vSAM: a w4a4 (and a w2a2) MLP trained on separable
 * blobs for 120 steps classifies them well above chance in quantised evaluation, and its step sizes
 * (perturbed and updated like any parameter) stay positive.
 */
class QuantizedTrainingTest {

    private static final int STEPS = 120;

    private static double trainAndEvaluate(Quantization q) {
        ModelSpec spec = Models.mlp(new Shape(1, 12, 12), 4).quantized(q);
        try (Session session = new CpuSession(2)) {
            Network net = session.build(spec, InitialWeights.generate(spec, 3), new LossOptions(0));
            MethodConfig base = MethodConfig.defaults("vsam");
            MethodConfig config = base.params() instanceof VsamConfig
                    ? base.withParams(VsamConfig.defaults().withWindow(10, 5).withWarmup(Warmup.iterations(10))) : base;
            Method method = Methods.create(config, 10, STEPS, 3, () -> session.zerosLike(net));
            SharpnessAwareStep step = new SharpnessAwareStep(net, method, new Sgd(session.zerosLike(net), 0.9, 5e-4, false),
                    net.segments().last(10), () -> session.zerosLike(net));
            BatchSource source = InMemorySource.blobs(320, spec.input(), spec.classes(), 32, 7);
            int it = 0;
            for (int epoch = 0; it < STEPS; epoch++) {
                try (BatchSource.Batches batches = source.epoch(epoch)) {
                    while (batches.hasNext() && it < STEPS) {
                        try (DeviceBatch b = session.upload(batches.next())) {
                            step.run(b, 0.05f, it, STEPS);
                        }
                        it++;
                    }
                }
            }
            float[] params = net.params().read();
            for (QuantizedLayer layer : spec.quantizedLayers()) {
                assertTrue(params[(int) spec.segments().offset(layer.weightStepSegment())] > 0, layer.name() + " s_w");
                assertTrue(params[(int) spec.segments().offset(layer.inputStepSegment())] > 0, layer.name() + " s_a");
            }
            Evaluation total = Evaluation.EMPTY;
            try (BatchSource.Batches batches = source.epoch(0)) {
                while (batches.hasNext()) {
                    HostBatch host = batches.next();
                    try (DeviceBatch b = session.upload(host)) {
                        total = total.plus(net.evaluate(b));
                    }
                }
            }
            double accuracy = (double) total.correct() / total.count();
            System.out.printf("%s mlp, %d vSAM steps: quantised accuracy %.3f%n", q, STEPS, accuracy);
            return accuracy;
        }
    }

    @Test
    void fourBitMlpLearnsWithVsam() {
        double accuracy = trainAndEvaluate(Quantization.of(4, 4));
        assertTrue(accuracy > 0.8, "accuracy " + accuracy + " (chance 0.25)");
    }

    @Test
    void twoBitMlpLearnsWithVsam() {
        double accuracy = trainAndEvaluate(Quantization.parse("w2a2/4"));
        assertTrue(accuracy > 0.6, "accuracy " + accuracy + " (chance 0.25)");
    }
}
