package vsam.algorithm.optim;

import java.util.List;
import vsam.api.vector.Vec;

/**
 * Gradient clipping in front of a base optimizer, as {@code torch.nn.utils.clip_grad_norm_} does it:
 * {@code grad ← grad · min(1, c / (‖grad‖ + 1e-6))} over the global L2 norm of every parameter, then the
 * wrapped optimizer's step. The gradient is scaled in place: the step hands over the vector it settled
 * on (SAM's {@code g_s}, vSAM's {@code g + γ^k·PSF}) after the perturbation and the sampling statistics
 * have used the clean {@code g}, so those stay unclipped.
 */
final class NormClipping implements BaseOptimizer {

    /** PyTorch's guard against a zero norm. */
    private static final double EPSILON = 1e-6;

    private final BaseOptimizer inner;
    private final double maxNorm;

    /** @param maxNorm c > 0 */
    NormClipping(BaseOptimizer inner, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clipping norm must be > 0, got " + maxNorm);
        }
        this.inner = inner;
        this.maxNorm = maxNorm;
    }

    @Override
    public void step(Vec params, Vec grad, float lr) {
        double factor = maxNorm / (grad.norm2() + EPSILON);
        if (factor < 1) {
            grad.scale((float) factor);
        }
        inner.step(params, grad, lr);
    }

    @Override
    public List<Vec> stateVectors() {
        return inner.stateVectors();
    }

    @Override
    public long steps() {
        return inner.steps();
    }

    @Override
    public void restoreSteps(long steps) {
        inner.restoreSteps(steps);
    }
}
