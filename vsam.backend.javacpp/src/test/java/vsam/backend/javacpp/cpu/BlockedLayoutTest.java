package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import vsam.api.model.InitialWeights;
import vsam.api.model.Layer;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.api.vector.Vec;
import vsam.backend.javacpp.Fixtures;

/**
 * The blocked layout ({@code nChw16c} between oneDNN convolutions, BatchNorm and 2×2 max pooling) computes what
 * the channel-major layout computes: the same network compiled both ways ({@code vsam.javacpp.blocked}) from the
 * same weights gives the same losses (1e-5 relative), gradients (1e-5 relative L2 per segment), running
 * statistics and evaluation, over CLEAN and PERTURBED passes, batch sizes that change and uneven thread parts.
 * They differ only in summation order.
 */
class BlockedLayoutTest {

    private static final double TOLERANCE = 1e-5;

    /** Blocked 2×2 pooling on odd sizes, a residual block whose branches end in different layouts, 32 channels. */
    private static ModelSpec blockedShapes() {
        List<Layer> layers = List.of(
                new Layer.Conv2d(3, 16, 3, 1, 1, false),    // channel-major input (3 channels) → blocked
                new Layer.BatchNorm2d(16),
                new Layer.Relu(),
                new Layer.MaxPool2d(2),                      // 11×11 → 5×5 (the last row and column dropped)
                new Layer.Residual(
                        List.of(new Layer.Conv2d(16, 32, 3, 1, 1, false), new Layer.BatchNorm2d(32), new Layer.Relu(),
                                new Layer.Conv2d(32, 32, 3, 1, 1, true)),   // bias: back to channel-major
                        List.of(new Layer.Conv2d(16, 32, 1, 1, 0, false), new Layer.BatchNorm2d(32))),
                new Layer.Relu(),
                new Layer.Conv2d(32, 32, 3, 1, 1, false),   // channel-major → blocked
                new Layer.BatchNorm2d(32),                   // without a ReLU after it
                new Layer.MaxPool2d(2),                      // 5×5 → 2×2
                new Layer.Flatten(),
                new Layer.Linear(128, 7, true));
        return new ModelSpec("blocked-shapes", new Shape(3, 11, 11), 7, layers);
    }

    private static <T> T withBlocked(boolean blocked, Supplier<T> build) {
        return Fixtures.withProperty(CpuNetwork.BLOCKED_PROPERTY, Boolean.toString(blocked), build);
    }

    private static void assertLayoutsAgree(ModelSpec spec, int threads, int... batches) {
        try (CpuSession session = new CpuSession(threads, true)) {
            Assumptions.assumeTrue(session.convolutions().startsWith("oneDNN"),
                    "oneDNN did not load here: " + CpuSession.defaultConvolutions());
            Assumptions.assumeTrue(BlockedLoops.usable(), "no SIMD lanes here (" + ElementLoops.preferred() + ")");
            InitialWeights init = InitialWeights.generate(spec, 5);
            LossOptions loss = new LossOptions(0.1);
            CpuNetwork blocked = (CpuNetwork) withBlocked(true, () -> session.build(spec, init, loss));
            CpuNetwork channels = (CpuNetwork) withBlocked(false, () -> session.build(spec, init, loss));
            assertTrue(blocked.layouts().stream().anyMatch(l -> l.endsWith(":BLOCKED")), blocked.layouts().toString());
            assertFalse(channels.layouts().stream().anyMatch(l -> l.endsWith(":BLOCKED")), channels.layouts().toString());
            Vec ga = session.zerosLike(blocked);
            Vec gb = session.zerosLike(channels);
            long seed = 21;
            for (int n : batches) {
                HostBatch host = Fixtures.batch(n, spec.input(), spec.classes(), seed++);
                try (DeviceBatch x = session.upload(host)) {
                    for (Pass pass : new Pass[] {Pass.CLEAN, Pass.PERTURBED}) {
                        double la = blocked.lossAndGradient(x, pass, ga);
                        double lb = channels.lossAndGradient(x, pass, gb);
                        assertEquals(lb, la, TOLERANCE * Math.abs(lb), "loss, batch " + n + ", " + pass);
                        assertSegmentsAgree(spec, ga.read(), gb.read(), "batch " + n + ", " + pass);
                    }
                    float[] ra = blocked.exportState().buffers();
                    float[] rb = channels.exportState().buffers();
                    assertEquals(rb.length, ra.length);
                    assertTrue(Fixtures.relativeL2(ra, rb, 0, ra.length) <= TOLERANCE, "running statistics, batch " + n);
                    double ea = blocked.evaluate(x).lossSum();
                    double eb = channels.evaluate(x).lossSum();
                    assertEquals(eb, ea, TOLERANCE * Math.abs(eb), "evaluation loss, batch " + n);
                }
            }
        }
    }

    private static void assertSegmentsAgree(ModelSpec spec, float[] a, float[] b, String what) {
        for (int s = 0; s < spec.segments().count(); s++) {
            int from = (int) spec.segments().offset(s);
            int to = (int) spec.segments().offset(s + 1);
            double rel = Fixtures.relativeL2(a, b, from, to);
            assertTrue(rel <= TOLERANCE, spec.segments().name(s) + " at " + what + ": relative L2 distance " + rel);
        }
    }

    @Test
    void cnnSAgreesOnTwoThreadsWithUnevenParts() {
        assertLayoutsAgree(Models.cnnS(new Shape(1, 28, 28), 10), 2, 16, 5, 1);
    }

    @Test
    void poolingOnOddSizesResidualBranchesAndBiasesAgree() {
        assertLayoutsAgree(blockedShapes(), 2, 6, 3);
    }

    @Test
    void cnnSRunsBlockedFromTheFirstConvolutionToTheFlatten() {
        try (CpuSession session = new CpuSession(1, true)) {
            Assumptions.assumeTrue(session.convolutions().startsWith("oneDNN") && BlockedLoops.usable(),
                    "oneDNN or SIMD lanes missing here");
            ModelSpec spec = Models.cnnS(new Shape(1, 28, 28), 10);
            CpuNetwork net = (CpuNetwork) session.build(spec, InitialWeights.generate(spec, 1), new LossOptions(0));
            // the batch's one channel needs no relayout; BatchNorm carries the fused ReLU
            assertArrayEquals(new String[] {"Relayout:CHANNELS", "Conv:BLOCKED", "BatchNorm:BLOCKED", "Conv:BLOCKED",
                "BatchNorm:BLOCKED", "MaxPool:BLOCKED", "Conv:BLOCKED", "BatchNorm:BLOCKED", "Conv:BLOCKED",
                "BatchNorm:BLOCKED", "MaxPool:BLOCKED", "Relayout:FLAT", "Linear:FLAT", "Relu:FLAT", "Linear:FLAT"},
                    net.layouts().toArray(String[]::new));
        }
    }
}
