package vsam.algorithm.optim;

import vsam.api.vector.Vec;

/**
 * The optimizer a sharpness-aware method wraps: it turns the gradient the method settled on (SGD's
 * {@code g}, SAM's {@code g_s}, vSAM's {@code g + γ^k·PSF}) into a parameter update. Implementations
 * own their state vectors (momentum, moments), allocated once.
 */
public interface BaseOptimizer {

    /** Updates {@code params} in place from {@code grad} at learning rate {@code lr}. */
    void step(Vec params, Vec grad, float lr);

    /** Optimizer state vectors, in a fixed order, for checkpoints. */
    java.util.List<Vec> stateVectors();

    /** Steps taken so far (AdamW's bias correction needs it). */
    long steps();

    /** Restores the step counter (state vectors are restored through {@link #stateVectors()}). */
    void restoreSteps(long steps);
}
