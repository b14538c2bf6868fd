package vsam.algorithm.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.algorithm.optim.BaseOptimizers;
import vsam.algorithm.reuse.ReuseRule;
import vsam.algorithm.sampling.Always;
import vsam.api.config.MethodConfig;
import vsam.api.config.MethodParams;
import vsam.api.config.OptimizerConfig;
import vsam.api.config.RstConfig;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;
import vsam.testkit.ArrayVec;
import vsam.testkit.HeapBatch;
import vsam.testkit.QuadraticNetwork;

/**
 * {@code --clip-grad-norm} and {@code --rho-schedule} on the reference quadratic, where SAM's PSF is
 * {@code ρ · A g / ‖g‖} exactly: clipping scales what the base optimizer receives and nothing else; the
 * radius follows its schedule and the sampling decisions do not see it.
 */
class ClippingAndRadiusScheduleTest {

    private static final Segments SEGMENTS = new Segments(List.of("a", "b"), List.of(new int[] {4, 3}, new int[] {5}));
    private static final DeviceBatch BATCH = new HeapBatch(new HostBatch(new float[] {0.3f, -1f, 2f, 0.5f}, new int[] {0, 1},
            2, new Shape(2, 1, 1)));
    private static final float LR = 0.1f;

    /** Keeps the last PSF and clean gradient. */
    private static final class Recorder implements ReuseRule {
        float[] psf;
        float[] g;

        @Override
        public void onSample(Vec gClean, Vec gs, Vec p) {
            psf = p.read();
            g = gClean.read();
        }

        @Override
        public void adjust(Vec grad) {
        }
    }

    private record Step(float[] before, float[] after, Recorder seen) {
        double[] update() {
            double[] u = new double[before.length];
            for (int i = 0; i < u.length; i++) {
                u[i] = (double) before[i] - after[i];
            }
            return u;
        }
    }

    /** One SAM step with plain SGD (no momentum, no decay) clipping at {@code clip} (0 = off). */
    private static Step samStep(double clip) {
        QuadraticNetwork net = QuadraticNetwork.random(SEGMENTS, 3, 0.5);
        Recorder recorder = new Recorder();
        OptimizerConfig sgd = new OptimizerConfig(OptimizerConfig.Kind.SGD, LR, 0, 0, false, 0.9, 0.999, 1e-8, clip);
        SharpnessAwareStep step = new SharpnessAwareStep(net, new Method("sam", new Always(), Perturbation.sam(0.05), recorder),
                BaseOptimizers.create(sgd, () -> new ArrayVec(SEGMENTS)), SEGMENTS.all(), () -> new ArrayVec(SEGMENTS));
        float[] before = net.params().read();
        step.run(BATCH, LR, 0, 10);
        return new Step(before, net.params().read(), recorder);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void clippingScalesThePerturbedGradientTheOptimizerReceivesAndLeavesTheCleanOneAlone() {
        Step free = samStep(0);
        double gsNorm = norm(free.update()) / LR;
        double clip = gsNorm / 4;
        Step clipped = samStep(clip);
        assertArrayEquals(free.seen().g, clipped.seen().g, "the clean gradient is not clipped");
        assertArrayEquals(free.seen().psf, clipped.seen().psf, "the perturbation and the PSF use the clean gradient");
        assertEquals(LR * clip, norm(clipped.update()), 1e-4 * LR * clip, "the update has the clipped norm");
        double[] a = free.update();
        double[] b = clipped.update();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i] / 4, b[i], 1e-5 * Math.abs(a[i]) + 1e-7, "same direction, a quarter of the length, at " + i);
        }
    }

    @Test
    void aGradientShorterThanTheBoundIsUntouched() {
        Step free = samStep(0);
        double gsNorm = norm(free.update()) / LR;
        assertArrayEquals(free.after(), samStep(gsNorm * 2).after());
    }

    @Test
    void theRadiusFollowsItsScheduleOverTheRun() {
        MethodConfig linear = new MethodConfig("sam", 0.1, MethodConfig.RhoSchedule.LINEAR, 0, 10, MethodParams.NONE);
        MethodConfig cosine = new MethodConfig("sam", 0.1, MethodConfig.RhoSchedule.COSINE, 0.02, 10, MethodParams.NONE);
        assertEquals(0.05, psfNormAt(linear, 5, 10) / psfNormAt(linear, 0, 10) * 0.1, 1e-6, "linear: half way, half the radius");
        assertEquals(0.0, psfNormAt(linear, 10, 10), 1e-9, "linear to 0: no perturbation at the end");
        assertEquals(0.06, psfNormAt(cosine, 5, 10) / psfNormAt(cosine, 0, 10) * 0.1, 1e-6, "cosine: the mean of start and end");
        assertEquals(0.02, psfNormAt(cosine, 10, 10) / psfNormAt(cosine, 0, 10) * 0.1, 1e-6);
    }

    /** ‖PSF‖ of a SAM step at iteration t of T, from the same weights (learning rate 0). */
    private static double psfNormAt(MethodConfig config, long t, long total) {
        QuadraticNetwork net = QuadraticNetwork.random(SEGMENTS, 5, 0.5);
        Method method = Methods.create(config, 10, total, 1, () -> new ArrayVec(SEGMENTS));
        SharpnessAwareStep step = new SharpnessAwareStep(net, method,
                BaseOptimizers.create(OptimizerConfig.sgd(0.1, 0, 0), () -> new ArrayVec(SEGMENTS)), SEGMENTS.all(),
                () -> new ArrayVec(SEGMENTS));
        return step.run(BATCH, 0f, t, total).psfNorm();
    }

    @Test
    void theScheduleNeverChangesWhichStepsAreSampled() {
        RstConfig rst = new RstConfig(0.5, RstConfig.Schedule.LINEAR);
        List<Boolean> constant = sampled(new MethodConfig("rst", 0.05, MethodConfig.RhoSchedule.CONSTANT, 0, 10, rst));
        List<Boolean> cosine = sampled(new MethodConfig("rst", 0.5, MethodConfig.RhoSchedule.COSINE, 0, 10, rst));
        assertEquals(constant, cosine);
        assertTrue(constant.contains(true) && constant.contains(false), "both kinds of step occur");
    }

    private static List<Boolean> sampled(MethodConfig config) {
        QuadraticNetwork net = QuadraticNetwork.random(SEGMENTS, 7, 0.5);
        int total = 200;
        Method method = Methods.create(config, 10, total, 11, () -> new ArrayVec(SEGMENTS));
        SharpnessAwareStep step = new SharpnessAwareStep(net, method,
                BaseOptimizers.create(OptimizerConfig.sgd(0.01, 0.9, 0), () -> new ArrayVec(SEGMENTS)), SEGMENTS.all(),
                () -> new ArrayVec(SEGMENTS));
        List<Boolean> out = new ArrayList<>();
        for (int t = 0; t < total; t++) {
            out.add(step.run(BATCH, 0.01f, t, total).sampled());
        }
        return out;
    }
}
