package vsam.algorithm.optim;

import java.util.List;
import vsam.api.vector.Vec;

/**
 * SGD with momentum, optional Nesterov momentum and coupled weight decay, in PyTorch's convention
 * (see {@link Vec#sgdStep}): {@code d = g + λw; m ← μm + d; w ← w − η·(nesterov ? d + μm : m)}.
 * The learning rate is applied outside the momentum buffer, so a schedule does not distort it.
 */
public final class Sgd implements BaseOptimizer {

    private final Vec momentum;
    private final float mu;
    private final float weightDecay;
    private final boolean nesterov;
    private long steps;

    /** @param momentum a zero vector shaped like the parameters, owned by this optimizer from now on */
    public Sgd(Vec momentum, double mu, double weightDecay, boolean nesterov) {
        this.momentum = momentum;
        this.mu = (float) mu;
        this.weightDecay = (float) weightDecay;
        this.nesterov = nesterov;
    }

    @Override
    public void step(Vec params, Vec grad, float lr) {
        params.sgdStep(grad, momentum, lr, mu, weightDecay, nesterov);
        steps++;
    }

    @Override
    public List<Vec> stateVectors() {
        return List.of(momentum);
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
