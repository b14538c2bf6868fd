package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import vsam.api.model.InitialWeights;
import vsam.api.model.Layer;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Quantization;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.api.vector.Vec;
import vsam.backend.javacpp.Fixtures;

/**
 * The two CPU convolution paths, oneDNN's primitives and im2col + OpenBLAS sgemm, compute the same
 * losses and gradients (1e-5 relative; they differ only in summation order) over the geometries the
 * backend must handle: stride 2 on odd and even sizes (a 1×1 one needs oneDNN's right padding −1), 1×1,
 * 2×2 and 5×5 kernels, biases, uneven thread parts, batch sizes that change between calls, and a quantised network.
 */
class ConvolutionPathsTest {

    private static final double TOLERANCE = 1e-5;

    /** Conv geometries beyond the three model specs, on a 3×10×10 input. */
    private static ModelSpec geometries() {
        List<Layer> layers = List.of(
                new Layer.Conv2d(3, 8, 3, 1, 1, true),
                new Layer.Relu(),
                new Layer.Conv2d(8, 8, 5, 1, 2, false),     // 5×5 kernel
                new Layer.BatchNorm2d(8),
                new Layer.Relu(),
                new Layer.Residual(                          // 10×10 → 5×5
                        List.of(new Layer.Conv2d(8, 16, 3, 2, 1, false), new Layer.BatchNorm2d(16), new Layer.Relu(),
                                new Layer.Conv2d(16, 16, 3, 1, 1, true)),
                        // 1×1 stride 2 on an even size: oneDNN needs right padding −1
                        List.of(new Layer.Conv2d(8, 16, 1, 2, 0, false), new Layer.BatchNorm2d(16))),
                new Layer.Relu(),
                new Layer.Conv2d(16, 6, 3, 2, 0, true),     // stride 2 on an odd size: 5×5 → 2×2
                new Layer.Conv2d(6, 6, 2, 1, 0, true),      // even kernel: 2×2 → 1×1
                new Layer.GlobalAvgPool(),
                new Layer.Flatten(),
                new Layer.Linear(6, 5, true));
        return new ModelSpec("conv-geometries", new Shape(3, 10, 10), 5, layers);
    }

    private static void assertPathsAgree(ModelSpec spec, int threads, int... batches) {
        try (CpuSession dnnl = new CpuSession(threads, true); CpuSession gemm = new CpuSession(threads, false)) {
            Assumptions.assumeTrue(dnnl.convolutions().startsWith("oneDNN"),
                    "oneDNN did not load here: " + CpuSession.defaultConvolutions());
            assertEquals("im2col + OpenBLAS sgemm", gemm.convolutions());
            InitialWeights init = InitialWeights.generate(spec, 3);
            LossOptions loss = new LossOptions(0.1);
            Network a = dnnl.build(spec, init, loss);
            Network b = gemm.build(spec, init, loss);
            Vec ga = dnnl.zerosLike(a);
            Vec gb = gemm.zerosLike(b);
            long seed = 11;
            for (int n : batches) {
                HostBatch host = Fixtures.batch(n, spec.input(), spec.classes(), seed++);
                try (DeviceBatch x = dnnl.upload(host); DeviceBatch y = gemm.upload(host)) {
                    for (Pass pass : new Pass[] {Pass.CLEAN, Pass.PERTURBED}) {
                        double la = a.lossAndGradient(x, pass, ga);
                        double lb = b.lossAndGradient(y, pass, gb);
                        assertEquals(lb, la, TOLERANCE * Math.abs(lb), "loss, batch " + n + ", " + pass);
                        float[] fa = ga.read();
                        float[] fb = gb.read();
                        for (int s = 0; s < spec.segments().count(); s++) {
                            int from = (int) spec.segments().offset(s);
                            int to = (int) spec.segments().offset(s + 1);
                            double rel = Fixtures.relativeL2(fa, fb, from, to);
                            assertTrue(rel <= 1e-4, spec.segments().name(s) + " at batch " + n + ", " + pass
                                    + ": relative L2 distance " + rel);
                        }
                    }
                    assertEquals(b.evaluate(y).lossSum(), a.evaluate(x).lossSum(),
                            TOLERANCE * Math.abs(b.evaluate(y).lossSum()), "evaluation loss, batch " + n);
                }
            }
        }
    }

    @Test
    void everyGeometryAgreesAcrossBatchSizesAndThreadParts() {
        assertPathsAgree(geometries(), 2, 5, 8, 5, 1);
    }

    @Test
    void singleThreadedCnnSAgrees() {
        assertPathsAgree(Models.cnnS(new Shape(1, 28, 28), 10), 1, 16);
    }

    @Test
    void quantizedCnnSAgrees() {
        assertPathsAgree(Models.cnnS(new Shape(1, 28, 28), 10).quantized(Quantization.of(4, 4)), 2, 7);
    }

    @Test
    void anUnknownConvolutionChoiceIsNamed() {
        IllegalArgumentException e = Fixtures.withProperty(Dnnl.CONV_PROPERTY, "winograd",
                () -> assertThrows(IllegalArgumentException.class, () -> new CpuSession(1)));
        assertEquals("vsam.javacpp.conv must be dnnl or gemm, got 'winograd'", e.getMessage());
    }
}
