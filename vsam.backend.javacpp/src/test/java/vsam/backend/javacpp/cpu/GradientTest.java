package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;
import vsam.backend.javacpp.Fixtures;
import vsam.testkit.ArrayVec;
import vsam.testkit.HeapBatch;
import vsam.testkit.ReferenceMlp;
import vsam.testkit.SmoothingCase;

/**
 * Forward and backward passes are right: the mlp against the pure-Java reference, cnn-s and a small
 * residual network against central finite differences.
 */
class GradientTest {

    private static CpuSession session;

    @BeforeAll
    static void open() {
        session = new CpuSession(2);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void mlpLossAndGradientMatchTheReferenceMlp() {
        ModelSpec spec = Models.mlp(new Shape(1, 12, 12), 10);
        InitialWeights init = InitialWeights.generate(spec, 42);
        LossOptions loss = new LossOptions(0.1);
        HostBatch host = Fixtures.batch(16, spec.input(), 10, 7);
        Network net = session.build(spec, init, loss);
        Vec grad = session.zerosLike(net);
        double value;
        try (DeviceBatch b = session.upload(host)) {
            value = net.lossAndGradient(b, Pass.CLEAN, grad);
        }
        ReferenceMlp reference = new ReferenceMlp(spec, init, loss);
        ArrayVec refGrad = new ArrayVec(spec.segments());
        double expected = reference.lossAndGradient(new HeapBatch(host), Pass.CLEAN, refGrad);
        assertEquals(expected, value, 1e-4 * Math.abs(expected));
        assertSegmentsClose(spec.segments(), refGrad.read(), grad.read(), 1e-3);
    }

    static void assertSegmentsClose(Segments segments, float[] expected, float[] actual, double tolerance) {
        double worst = 0;
        for (int s = 0; s < segments.count(); s++) {
            worst = Math.max(worst, Fixtures.relativeL2(actual, expected, (int) segments.offset(s), (int) segments.offset(s + 1)));
        }
        System.out.printf("gradients of %d tensors: worst segment relative L2 distance %.2e%n", segments.count(), worst);
        for (int s = 0; s < segments.count(); s++) {
            int from = (int) segments.offset(s);
            int to = (int) segments.offset(s + 1);
            double rel = Fixtures.relativeL2(actual, expected, from, to);
            assertTrue(rel <= tolerance, segments.name(s) + ": relative L2 distance " + rel);
        }
    }

    /** A small CIFAR-like residual network: a stride-2 block with a 1×1 conv + BN shortcut, an identity block. */
    static ModelSpec tinyResNet(int classes) {
        List<Layer> layers = List.of(
                new Layer.Conv2d(3, 8, 3, 1, 1, false), new Layer.BatchNorm2d(8), new Layer.Relu(),
                new Layer.Residual(
                        List.of(new Layer.Conv2d(8, 16, 3, 2, 1, false), new Layer.BatchNorm2d(16), new Layer.Relu(),
                                new Layer.Conv2d(16, 16, 3, 1, 1, false), new Layer.BatchNorm2d(16)),
                        List.of(new Layer.Conv2d(8, 16, 1, 2, 0, false), new Layer.BatchNorm2d(16))),
                new Layer.Relu(),
                new Layer.Residual(
                        List.of(new Layer.Conv2d(16, 16, 3, 1, 1, false), new Layer.BatchNorm2d(16), new Layer.Relu(),
                                new Layer.Conv2d(16, 16, 3, 1, 1, false), new Layer.BatchNorm2d(16)),
                        List.of()),
                new Layer.Relu(),
                new Layer.GlobalAvgPool(), new Layer.Flatten(), new Layer.Linear(16, classes, true));
        return new ModelSpec("tiny-resnet", new Shape(3, 8, 8), classes, layers);
    }

    @Test
    void smoothConvNetworkGradientMatchesFiniteDifferences() {
        List<Layer> layers = List.of(
                new Layer.Conv2d(3, 8, 3, 1, 1, true), new Layer.BatchNorm2d(8),
                new Layer.Residual(
                        List.of(new Layer.Conv2d(8, 16, 3, 2, 1, false), new Layer.BatchNorm2d(16)),
                        List.of(new Layer.Conv2d(8, 16, 1, 2, 0, false), new Layer.BatchNorm2d(16))),
                new Layer.Conv2d(16, 16, 3, 1, 1, true),
                new Layer.GlobalAvgPool(), new Layer.Flatten(), new Layer.Linear(16, 4, true));
        checkFiniteDifferences(new ModelSpec("smooth", new Shape(3, 6, 6), 4, layers), 5, 3, true);
    }

    @Test
    void cnnSGradientMatchesFiniteDifferences() {
        checkFiniteDifferences(Models.cnnS(new Shape(1, 8, 8), 5), 16, 11, false);
    }

    @Test
    void residualNetworkGradientMatchesFiniteDifferences() {
        checkFiniteDifferences(tinyResNet(4), 16, 12, false);
    }

    /**
     * For each tensor, the coordinate with the largest gradient and one random coordinate: the analytic
     * derivative must agree with central differences. Each coordinate is double-checked with two step
     * sizes: where the two estimates disagree with each other a ReLU or max-pool kink lies within the
     * step and the coordinate is inconclusive. At least three quarters must be conclusive, and all but
     * one in ten of those must match (in float32 a BatchNorm shift moves a whole channel, and a kink
     * crossed by both steps alike can still bias both estimates; exact agreement is pinned by the
     * smooth-network check here and by the parity tests against PyTorch).
     */
    private void checkFiniteDifferences(ModelSpec spec, int batch, long seed, boolean strict) {
        Network net = session.build(spec, InitialWeights.generate(spec, seed), new LossOptions(0.1));
        Vec grad = session.zerosLike(net);
        Segments segments = spec.segments();
        Random random = new Random(seed);
        try (DeviceBatch b = session.upload(Fixtures.batch(batch, spec.input(), spec.classes(), seed + 1))) {
            net.lossAndGradient(b, Pass.PERTURBED, grad);
            float[] g = grad.read();
            float[] w0 = net.params().read();
            Vec scratch = session.zerosLike(net);
            List<String> failures = new ArrayList<>();
            int checked = 0;
            int conclusive = 0;
            for (int s = 0; s < segments.count(); s++) {
                int from = (int) segments.offset(s);
                int to = (int) segments.offset(s + 1);
                int best = from;
                for (int i = from; i < to; i++) {
                    if (Math.abs(g[i]) > Math.abs(g[best])) {
                        best = i;
                    }
                }
                for (int i : new int[] {best, from + random.nextInt(to - from)}) {
                    double analytic = g[i];
                    double fd1 = centralDifference(net, b, scratch, w0, i, 2e-3f);
                    double fd2 = centralDifference(net, b, scratch, w0, i, 1e-3f);
                    double tol = 3e-2 * Math.abs(analytic) + 5e-4;
                    checked++;
                    if (Math.abs(fd1 - fd2) > tol) {
                        continue;
                    }
                    conclusive++;
                    if (Math.abs(fd2 - analytic) > tol) {
                        failures.add(segments.name(s) + "[" + (i - from) + "]: analytic " + analytic
                                + ", finite differences " + fd1 + " / " + fd2);
                    }
                }
            }
            net.params().write(w0);
            assertTrue(failures.size() <= (strict ? 0 : conclusive / 10), failures.size() + " of " + conclusive + " conclusive coordinates disagree: "
                    + failures);
            assertTrue(conclusive >= 0.75 * checked, "only " + conclusive + " of " + checked + " coordinates conclusive");
        }
    }

    private static double centralDifference(Network net, DeviceBatch b, Vec scratch, float[] w0, int i, float h) {
        float[] w = w0.clone();
        w[i] = w0[i] + h;
        net.params().write(w);
        double plus = net.lossAndGradient(b, Pass.PERTURBED, scratch);
        w[i] = w0[i] - h;
        net.params().write(w);
        double minus = net.lossAndGradient(b, Pass.PERTURBED, scratch);
        net.params().write(w0);
        return (plus - minus) / ((double) (w0[i] + h) - (double) (w0[i] - h));
    }

    @Test
    void bothSmoothingConventionsGiveTheHandComputedLoss() {
        SmoothingCase c = new SmoothingCase(Models.mlp(new Shape(1, 12, 12), 10),
                new float[] {0.3f, -1.2f, 2.0f, 0.0f, 0.7f, -0.4f, 1.1f, -2.2f, 0.5f, 0.9f}, 6);
        c.assertMatchesHandComputation(session);
        // the conventions differ: 0.1 spread over the 9 other classes, or over all 10
        assertTrue(Math.abs(c.expectedLoss(new LossOptions(0.1, LossOptions.Convention.UNIFORM))
                - c.expectedLoss(new LossOptions(0.1, LossOptions.Convention.OTHERS))) > 1e-3);
    }
}
