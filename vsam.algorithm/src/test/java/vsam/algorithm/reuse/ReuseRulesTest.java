package vsam.algorithm.reuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vsam.api.vector.Segments;
import vsam.testkit.ArrayVec;

/** vSAM's decayed PSF and LookSAM's orthogonal component. */
class ReuseRulesTest {

    private static final Segments SEGMENTS = new Segments(List.of("a", "b"), List.of(new int[] {3, 4}, new int[] {5}));

    private static ArrayVec random(long seed) {
        Random r = new Random(seed);
        float[] v = new float[17];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new ArrayVec(SEGMENTS, v);
    }

    @Test
    void reusedPsfIsWeightedGammaToTheKUpToTheHorizonThenDropped() {
        double gamma = 0.7;
        DecayedPsf rule = new DecayedPsf(gamma, 6);
        ArrayVec psf = new ArrayVec(SEGMENTS);
        psf.fill(1);
        rule.onSample(random(1), random(2), psf);
        for (int k = 1; k <= 9; k++) {
            ArrayVec g = new ArrayVec(SEGMENTS);
            rule.adjust(g);
            double expected = k <= 6 ? Math.pow(gamma, k) : 0;
            assertEquals(expected, rule.lastWeight(), 1e-15, "k=" + k);
            for (float x : g.read()) {
                assertEquals(expected, x, 1e-6, "k=" + k);
            }
        }
        rule.onSample(random(1), random(2), psf);
        ArrayVec g = new ArrayVec(SEGMENTS);
        rule.adjust(g);
        assertEquals(gamma, rule.lastWeight(), 1e-15, "a new SAM step restarts the decay");
    }

    @Test
    void zeroGammaLeavesTheGradientBitIdentical() {
        DecayedPsf rule = new DecayedPsf(0, 6);
        rule.onSample(random(1), random(2), random(3));
        for (int k = 0; k < 8; k++) {
            ArrayVec g = random(10 + k);
            float[] before = g.read();
            rule.adjust(g);
            assertArrayEquals(before, g.read());
        }
    }

    @Test
    void lookSamStoredComponentIsOrthogonalToTheCleanGradient() {
        for (long seed = 0; seed < 20; seed++) {
            ArrayVec g = random(seed);
            ArrayVec gs = random(seed + 100);
            gs.axpy(0.8f, g);
            OrthogonalComponent rule = new OrthogonalComponent(new ArrayVec(SEGMENTS), 0.7);
            rule.onSample(g, gs, new ArrayVec(SEGMENTS));
            double cos = rule.stored().dot(g) / (rule.stored().norm2() * g.norm2());
            assertEquals(0, cos, 1e-6, "seed " + seed);
        }
    }

    @Test
    void lookSamAddsTheComponentScaledByAlphaTimesTheNormRatio() {
        ArrayVec g0 = random(1);
        ArrayVec gs = random(2);
        OrthogonalComponent rule = new OrthogonalComponent(new ArrayVec(SEGMENTS), 0.7);
        rule.onSample(g0, gs, new ArrayVec(SEGMENTS));
        ArrayVec g = random(3);
        float[] before = g.read();
        float[] gv = rule.stored().read();
        double scale = 0.7 * g.norm2() / rule.stored().norm2();
        rule.adjust(g);
        float[] after = g.read();
        for (int i = 0; i < after.length; i++) {
            assertEquals(before[i] + scale * gv[i], after[i], 1e-5);
        }
    }
}
