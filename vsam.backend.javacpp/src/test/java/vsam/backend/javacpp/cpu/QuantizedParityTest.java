package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Quantization;
import vsam.api.model.QuantizedLayer;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.Evaluation;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;
import vsam.backend.javacpp.Fixtures;

/**
 * LSQ quantization-aware training agrees between the javacpp CPU backend and the DJL (PyTorch)
 * backend, with the tolerances of {@link DjlParityTest}: the first CLEAN pass initialises the input
 * steps to the same values, and gives the same loss (1e-4 relative) and gradient, segment by segment,
 * step sizes included (1e-3 relative L2, 3e-3 for the step sizes of a 2-bit network, whose cancelling
 * sums sit at float32's noise; a segment whose true gradient is float noise against the whole
 * gradient's norm, see {@link #assertGradientsAgree}); a PERTURBED pass and quantised evaluation agree too.
 */
class QuantizedParityTest extends CpuAndDjlSessions {

    private static void assertSameTraining(ModelSpec spec, int batch, long seed, double stepTolerance) {
        InitialWeights init = withRandomBiases(spec, seed);
        LossOptions loss = new LossOptions(0.1);
        HostBatch host = Fixtures.batch(batch, spec.input(), spec.classes(), seed + 1);
        Network a = cpu.build(spec, init, loss);
        Network b = djl.build(spec, init, loss);
        Vec ga = cpu.zerosLike(a);
        Vec gb = djl.zerosLike(b);
        Segments segments = spec.segments();
        try (DeviceBatch x = cpu.upload(host); DeviceBatch y = djl.upload(host)) {
            double la = a.lossAndGradient(x, Pass.CLEAN, ga);
            double lb = b.lossAndGradient(y, Pass.CLEAN, gb);
            float[] pa = a.params().read();
            float[] pb = b.params().read();
            for (QuantizedLayer q : spec.quantizedLayers()) {
                int at = (int) segments.offset(q.inputStepSegment());
                assertTrue(pa[at] > 0, q.name() + " input step initialised");
                assertEquals(pb[at], pa[at], 1e-5 * pb[at], q.name() + " input step");
            }
            assertEquals(lb, la, 1e-4 * Math.abs(lb), "CLEAN loss");
            assertGradientsAgree(spec, gb.read(), ga.read(), 1e-3, stepTolerance);

            a.params().axpy(0.05f / (float) ga.norm2(), ga);
            b.params().axpy(0.05f / (float) gb.norm2(), gb);
            la = a.lossAndGradient(x, Pass.PERTURBED, ga);
            lb = b.lossAndGradient(y, Pass.PERTURBED, gb);
            assertEquals(lb, la, 1e-4 * Math.abs(lb), "PERTURBED loss");
            assertGradientsAgree(spec, gb.read(), ga.read(), 1e-3, stepTolerance);

            Evaluation ea = a.evaluate(x);
            Evaluation eb = b.evaluate(y);
            assertEquals(eb.lossSum(), ea.lossSum(), 1e-4 * Math.abs(eb.lossSum()), "quantised evaluation loss");
            assertEquals(eb.correct(), ea.correct(), 1, "quantised evaluation: correct predictions");
        }
    }

    /** The seeded initial weights with biases and betas drawn uniformly from [−0.1, 0.1). */
    static InitialWeights withRandomBiases(ModelSpec spec, long seed) {
        Segments segments = spec.segments();
        float[] values = InitialWeights.generate(spec, seed).flat();
        java.util.Random random = new java.util.Random(seed + 17);
        for (int i = 0; i < segments.count(); i++) {
            if (segments.name(i).endsWith(".bias") || segments.name(i).endsWith(".beta")) {
                for (long k = segments.offset(i); k < segments.offset(i + 1); k++) {
                    values[(int) k] = (random.nextFloat() * 2 - 1) * 0.1f;
                }
            }
        }
        return InitialWeights.transfer(spec, segments, values, vsam.api.model.InitScheme.DEFAULT, seed);
    }

    @Test
    void quantizedMlpAgrees() {
        assertSameTraining(Models.mlp(new Shape(1, 28, 28), 10).quantized(Quantization.of(4, 4)), 16, 3, 1e-3);
    }

    @Test
    void quantizedCnnSAgrees() {
        assertSameTraining(Models.cnnS(new Shape(1, 28, 28), 10).quantized(Quantization.of(4, 4)), 8, 4, 1e-3);
    }

    @Test
    void twoBitCnnSWithFullPrecisionEdgesAgrees() {
        assertSameTraining(Models.cnnS(new Shape(1, 28, 28), 10).quantized(Quantization.parse("w2a2/fp")), 8, 6, 3e-3);
    }
}
