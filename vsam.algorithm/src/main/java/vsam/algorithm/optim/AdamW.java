package vsam.algorithm.optim;

import java.util.List;
import vsam.api.vector.Vec;

/**
 * AdamW (Loshchilov and Hutter, ICLR 2019): Adam with decoupled weight decay,
 * {@code w ← w − ηλw; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; w ← w − η·m̂/(√v̂ + ε)} with
 * bias-corrected {@code m̂ = m/(1−β₁ᵗ)}, {@code v̂ = v/(1−β₂ᵗ)} (see {@link Vec#adamWStep}).
 */
public final class AdamW implements BaseOptimizer {

    private final Vec m;
    private final Vec v;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private long steps;

    /** @param m first-moment buffer, {@code v} second-moment buffer: zero vectors shaped like the parameters */
    public AdamW(Vec m, Vec v, double beta1, double beta2, double epsilon, double weightDecay) {
        this.m = m;
        this.v = v;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = (float) epsilon;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    public void step(Vec params, Vec grad, float lr) {
        steps++;
        params.adamWStep(grad, m, v, lr, beta1, beta2, epsilon, weightDecay, Math.toIntExact(steps));
    }

    @Override
    public List<Vec> stateVectors() {
        return List.of(m, v);
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void restoreSteps(long s) {
        steps = s;
    }
}
