package vsam.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The LSQ reference quantizer: its grid, clipping, rounding, derivatives and initial step. */
class QuantizerTest {

    @Test
    void gridBoundsFollowTheBitWidth() {
        assertEquals(8, new Quantizer(4, true).qn());
        assertEquals(7, new Quantizer(4, true).qp());
        assertEquals(0, new Quantizer(4, false).qn());
        assertEquals(15, new Quantizer(4, false).qp());
        assertEquals(2, new Quantizer(2, true).qn());
        assertEquals(1, new Quantizer(2, true).qp());
        assertEquals(3, new Quantizer(2, false).qp());
        assertEquals(128, new Quantizer(8, true).qn());
        assertEquals(255, new Quantizer(8, false).qp());
        assertThrows(IllegalArgumentException.class, () -> new Quantizer(5, true));
    }

    @Test
    void valuesLandOnTheGridAndClip() {
        Quantizer q = new Quantizer(3, true); // grid −4 .. 3 steps
        float s = 0.25f;
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 1000; i++) {
            float v = (float) (r.nextGaussian() * 2);
            float y = q.quantize(v, s);
            float k = y / s;
            assertEquals(Math.rint(k), k, 0, "on the grid");
            assertTrue(k >= -4 && k <= 3, "inside the clip range");
            if (v / s > -4 && v / s < 3) {
                assertTrue(Math.abs(y - v) <= s / 2 + 1e-6, "rounded to the nearest step");
            }
        }
        assertEquals(-1f, q.quantize(-100f, s));
        assertEquals(0.75f, q.quantize(100f, s));
        Quantizer u = new Quantizer(2, false);
        assertEquals(0f, u.quantize(-3f, 1f));
        assertEquals(3f, u.quantize(7f, 1f));
    }

    @Test
    void roundsHalfToEven() {
        Quantizer q = new Quantizer(8, true);
        assertEquals(2f, q.quantize(2.5f, 1f));
        assertEquals(4f, q.quantize(3.5f, 1f));
        assertEquals(-2f, q.quantize(-2.5f, 1f));
        assertEquals(0f, q.quantize(0.5f, 1f));
    }

    @Test
    void stepDerivativeIsRoundingErrorInsideAndTheBoundOutside() {
        Quantizer q = new Quantizer(4, true);
        assertEquals(Math.rint(1.3) - 1.3, q.stepDerivative(1.3f, 1f), 1e-6);
        assertEquals(7f, q.stepDerivative(9f, 1f));
        assertEquals(-8f, q.stepDerivative(-9f, 1f));
        assertTrue(q.inside(7f, 1f));
        assertTrue(q.inside(-8f, 1f));
        assertFalse(q.inside(7.01f, 1f));
        assertEquals(0f, q.stepDerivative(7f, 1f));
    }

    /**
     * LSQ's gradients are those of the straight-through surrogate {@code f(v, s) = (clip(v/s) + δ) · s}
     * with the rounding residual {@code δ = round(c) − c} held at its value at the evaluation point (the
     * "detach trick"): central differences of that surrogate, away from the clip bounds, must match
     * {@link Quantizer#stepDerivative} and {@link Quantizer#inside}.
     */
    @Test
    void derivativesMatchFiniteDifferencesOfTheStraightThroughSurrogate() {
        Quantizer q = new Quantizer(3, true);
        float[] v = {0.31f, -0.77f, 1.9f, -3.2f, 0.05f, 0.62f};
        float[] c = {1.0f, -0.5f, 2.0f, 0.7f, -1.3f, 0.4f};
        double s = 0.4;
        double h = 1e-5;
        double plus = 0;
        double minus = 0;
        double analytic = 0;
        for (int i = 0; i < v.length; i++) {
            double delta = residual(q, v[i], s);
            plus += c[i] * surrogate(q, v[i], s + h, delta);
            minus += c[i] * surrogate(q, v[i], s - h, delta);
            analytic += c[i] * q.stepDerivative(v[i], (float) s);
            double dv = (surrogate(q, v[i] + h, s, delta) - surrogate(q, v[i] - h, s, delta)) / (2 * h);
            assertEquals(q.inside(v[i], (float) s) ? 1 : 0, dv, 1e-6, "∂v̂/∂v at " + v[i]);
        }
        assertEquals(analytic, (plus - minus) / (2 * h), 1e-6);
    }

    private static double clip(Quantizer q, double v, double s) {
        return Math.max(-q.qn(), Math.min(q.qp(), v / s));
    }

    private static double residual(Quantizer q, double v, double s) {
        double c = clip(q, v, s);
        return Math.rint(c) - c;
    }

    private static double surrogate(Quantizer q, double v, double s, double delta) {
        return (clip(q, v, s) + delta) * s;
    }

    @Test
    void gradientScaleAndInitialStepAreLsqs() {
        Quantizer q = new Quantizer(4, false);
        assertEquals(1 / Math.sqrt(100 * 15.0), q.gradientScale(100), 1e-9);
        assertEquals(2 * 0.3 / Math.sqrt(15), q.initialStep(0.3), 1e-7);
    }
}
