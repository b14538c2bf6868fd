package vsam.algorithm.sampling;

/**
 * What a sampling policy may look at when it decides, after the clean pass of an iteration.
 *
 * @param iteration       global iteration index t, from 0
 * @param totalIterations iterations in the whole run, T
 * @param gradNorm        global ‖g‖ of this iteration's clean gradient
 */
public record StepContext(long iteration, long totalIterations, double gradNorm) {

    /** Training progress {@code t / T} in [0, 1]. */
    public double progress() {
        return totalIterations <= 0 ? 0 : Math.min(1, (double) iteration / totalIterations);
    }
}
