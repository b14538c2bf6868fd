package vsam.api.network;

/** Which of SAM's two forward/backward passes a gradient computation is. */
public enum Pass {
    /** The plain pass at {@code w}: BatchNorm uses batch statistics and updates its running statistics. */
    CLEAN,
    /**
     * The pass at the perturbed weights {@code w + e}: BatchNorm uses batch statistics but its running
     * mean and variance must be exactly what they were before the pass (docs/ALGORITHMS.md §1, step 3).
     */
    PERTURBED
}
