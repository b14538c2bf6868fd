package vsam.algorithm.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.algorithm.optim.Sgd;
import vsam.algorithm.reuse.NoReuse;
import vsam.algorithm.reuse.ReuseRule;
import vsam.algorithm.sampling.Always;
import vsam.algorithm.sampling.Never;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;
import vsam.testkit.ArrayVec;
import vsam.testkit.HeapBatch;
import vsam.testkit.QuadraticNetwork;

/** The step's decomposition on a quadratic loss, where the PSF is known in closed form. */
class SharpnessAwareStepTest {

    private static final Segments SEGMENTS = new Segments(List.of("a", "b", "c"),
            List.of(new int[] {4, 3}, new int[] {5}, new int[] {3}));
    private static final DeviceBatch BATCH = new HeapBatch(new HostBatch(new float[] {0.3f, -1f, 2f, 0.5f}, new int[] {0, 1},
            2, new Shape(2, 1, 1)));

    /** Keeps a copy of the last PSF and clean gradient it was shown. */
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

    @Test
    void psfOnAQuadraticEqualsRhoTimesAgOverTheGradientNorm() {
        for (long seed = 1; seed <= 5; seed++) {
            QuadraticNetwork net = QuadraticNetwork.random(SEGMENTS, seed, 0.5);
            Recorder recorder = new Recorder();
            double rho = 0.05;
            SharpnessAwareStep step = new SharpnessAwareStep(net, new Method("sam", new Always(), Perturbation.sam(rho), recorder),
                    new Sgd(new ArrayVec(SEGMENTS), 0.9, 0, false), SEGMENTS.all(), () -> new ArrayVec(SEGMENTS));
            StepOutcome out = step.run(BATCH, 0.01f, 0, 10);
            assertTrue(out.sampled());
            double gNorm = 0;
            for (float x : recorder.g) {
                gNorm += (double) x * x;
            }
            gNorm = Math.sqrt(gNorm);
            double[] ag = net.multiply(recorder.g);
            double errSq = 0;
            double refSq = 0;
            for (int i = 0; i < ag.length; i++) {
                double expected = rho * ag[i] / gNorm;
                errSq += (recorder.psf[i] - expected) * (recorder.psf[i] - expected);
                refSq += expected * expected;
            }
            assertTrue(Math.sqrt(errSq / refSq) < 1e-4, "relative error " + Math.sqrt(errSq / refSq) + " seed " + seed);
            assertEquals(Math.sqrt(refSq), out.psfNorm(), 1e-4 * Math.sqrt(refSq));
        }
    }

    @Test
    void weightsAreRestoredExactlyAfterThePerturbedPass() {
        QuadraticNetwork net = QuadraticNetwork.random(SEGMENTS, 3, 0.5);
        float[] before = net.params().read();
        // A base optimizer with learning rate 0 leaves w unchanged, so w after the step is the restored w.
        SharpnessAwareStep step = new SharpnessAwareStep(net, new Method("sam", new Always(), Perturbation.sam(0.5), new NoReuse()),
                new Sgd(new ArrayVec(SEGMENTS), 0, 0, false), SEGMENTS.all(), () -> new ArrayVec(SEGMENTS));
        step.run(BATCH, 0f, 0, 1);
        assertArrayEquals(before, net.params().read());
        assertEquals(2, net.gradientCalls());
    }

    @Test
    void samWithZeroRadiusEqualsSgd() {
        QuadraticNetwork a = QuadraticNetwork.random(SEGMENTS, 8, 0.5);
        QuadraticNetwork b = QuadraticNetwork.random(SEGMENTS, 8, 0.5);
        SharpnessAwareStep sam = new SharpnessAwareStep(a, new Method("sam", new Always(), Perturbation.sam(0), new NoReuse()),
                new Sgd(new ArrayVec(SEGMENTS), 0.9, 5e-4, false), SEGMENTS.all(), () -> new ArrayVec(SEGMENTS));
        SharpnessAwareStep sgd = new SharpnessAwareStep(b, new Method("sgd", new Never(), Perturbation.sam(0), new NoReuse()),
                new Sgd(new ArrayVec(SEGMENTS), 0.9, 5e-4, false), SEGMENTS.all(), () -> new ArrayVec(SEGMENTS));
        for (int t = 0; t < 50; t++) {
            sam.run(BATCH, 0.05f, t, 50);
            sgd.run(BATCH, 0.05f, t, 50);
        }
        assertArrayEquals(b.params().read(), a.params().read());
    }

    @Test
    void aNonFiniteLossStopsTheStepNamingTheIterationAndKeepsTheWeights() {
        QuadraticNetwork net = QuadraticNetwork.random(SEGMENTS, 3, 0);
        float[] poisoned = net.params().read();
        poisoned[2] = Float.NaN;
        net.params().write(poisoned);
        SharpnessAwareStep step = new SharpnessAwareStep(net, new Method("sam", new Always(), Perturbation.sam(0.05), new NoReuse()),
                new Sgd(new ArrayVec(SEGMENTS), 0.9, 0, false), SEGMENTS.all(), () -> new ArrayVec(SEGMENTS));
        DivergenceException e = assertThrows(DivergenceException.class, () -> step.run(BATCH, 0.1f, 17, 100));
        assertEquals(17, e.iteration());
        assertTrue(e.getMessage().contains("iteration 17"), e.getMessage());
        assertArrayEquals(poisoned, net.params().read());
    }
}
