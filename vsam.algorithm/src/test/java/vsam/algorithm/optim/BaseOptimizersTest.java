package vsam.algorithm.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.api.vector.Segments;
import vsam.testkit.ArrayVec;

/** The base optimizers follow PyTorch's SGD and AdamW update rules step by step. */
class BaseOptimizersTest {

    private static final Segments ONE = new Segments(List.of("w"), List.of(new int[] {1}));

    private static ArrayVec scalar(float v) {
        return new ArrayVec(ONE, new float[] {v});
    }

    @Test
    void sgdWithMomentumAndWeightDecay() {
        ArrayVec w = scalar(1f);
        Sgd sgd = new Sgd(new ArrayVec(ONE), 0.9, 0.1, false);
        sgd.step(w, scalar(0.5f), 0.1f);
        // d = 0.5 + 0.1·1 = 0.6; m = 0.6; w = 1 − 0.06
        assertEquals(0.94, w.read()[0], 1e-6);
        sgd.step(w, scalar(0.5f), 0.1f);
        // d = 0.5 + 0.094 = 0.594; m = 0.54 + 0.594 = 1.134; w = 0.94 − 0.1134
        assertEquals(0.8266, w.read()[0], 1e-6);
    }

    @Test
    void sgdWithNesterov() {
        ArrayVec w = scalar(1f);
        Sgd sgd = new Sgd(new ArrayVec(ONE), 0.9, 0, true);
        sgd.step(w, scalar(1f), 0.1f);
        // m = 1; step = 1 + 0.9·1 = 1.9
        assertEquals(0.81, w.read()[0], 1e-6);
    }

    @Test
    void adamWWithBiasCorrectionAndDecoupledDecay() {
        ArrayVec w = scalar(1f);
        AdamW adam = new AdamW(new ArrayVec(ONE), new ArrayVec(ONE), 0.9, 0.999, 1e-8, 0.01);
        adam.step(w, scalar(0.5f), 0.1f);
        // w = 1 − 0.1·0.01·1 = 0.999; m̂ = 0.5, v̂ = 0.25 → step 0.1·0.5/0.5 = 0.1
        assertEquals(0.899, w.read()[0], 1e-6);
        adam.step(w, scalar(-0.5f), 0.1f);
        double wd = 0.899 - 0.1 * 0.01 * 0.899;
        double m = 0.9 * 0.05 + 0.1 * -0.5;
        double v = 0.999 * 0.00025 + 0.001 * 0.25;
        double expected = wd - 0.1 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        assertEquals(expected, w.read()[0], 1e-6);
        assertEquals(2, adam.steps());
    }
}
