package vsam.algorithm.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vsam.api.vector.Segments;
import vsam.testkit.ArrayVec;

/** SAM's and ASAM's perturbations equal their formulas element by element. */
class PerturbationTest {

    private static final Segments SEGMENTS = new Segments(List.of("w", "b"), List.of(new int[] {4, 6}, new int[] {6}));

    private static ArrayVec random(long seed) {
        Random r = new Random(seed);
        float[] v = new float[30];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new ArrayVec(SEGMENTS, v);
    }

    @Test
    void samPerturbationIsRhoTimesTheUnitGradient() {
        ArrayVec w = random(1);
        ArrayVec g = random(2);
        float[] w0 = w.read();
        float[] gs = g.read();
        double norm = g.norm2();
        Perturbation.sam(0.05).apply(w, g, 0);
        float[] w1 = w.read();
        for (int i = 0; i < w1.length; i++) {
            assertEquals(w0[i] + 0.05 * gs[i] / norm, w1[i], 1e-6);
        }
    }

    @Test
    void zeroGradientMeansNoPerturbation() {
        ArrayVec w = random(1);
        float[] before = w.read();
        Perturbation.sam(0.05).apply(w, new ArrayVec(SEGMENTS), 0);
        new AdaptivePerturbation(2.0, new ArrayVec(SEGMENTS), new ArrayVec(SEGMENTS)).apply(w, new ArrayVec(SEGMENTS), 0);
        assertArrayEquals(before, w.read());
    }

    @Test
    void asamPerturbationIsRhoTimesTSquaredGOverTheNormOfTG() {
        ArrayVec w = random(3);
        ArrayVec g = random(4);
        float[] w0 = w.read();
        float[] gv = g.read();
        double tgNorm = 0;
        for (int i = 0; i < w0.length; i++) {
            double tg = Math.abs(w0[i]) * gv[i];
            tgNorm += tg * tg;
        }
        tgNorm = Math.sqrt(tgNorm);
        new AdaptivePerturbation(2.0, new ArrayVec(SEGMENTS), new ArrayVec(SEGMENTS)).apply(w, g, 0);
        float[] w1 = w.read();
        for (int i = 0; i < w1.length; i++) {
            double e = 2.0 * w0[i] * w0[i] * gv[i] / tgNorm;
            assertEquals(w0[i] + e, w1[i], 1e-5 * Math.max(1, Math.abs(w0[i] + e)), "element " + i);
        }
    }
}
