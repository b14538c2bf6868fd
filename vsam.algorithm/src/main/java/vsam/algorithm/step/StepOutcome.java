package vsam.algorithm.step;

/**
 * What one sharpness-aware step measured.
 *
 * @param loss      mean loss of the clean pass
 * @param sampled   whether the step took the perturbed pass
 * @param gradNorm  ‖g‖ over the statistics scope
 * @param psfNorm   ‖PSF‖ over the statistics scope when sampled, NaN otherwise
 * @param passes    forward/backward passes the step took (1 or 2)
 * @param passNanos wall time spent inside the backend's forward/backward calls; the rest of the step is
 *                  vector operations, the perturbation and restore, and the optimizer update
 */
public record StepOutcome(double loss, boolean sampled, double gradNorm, double psfNorm, int passes, long passNanos) {

    /** {@code r = ‖PSF‖ / ‖g‖} when sampled, NaN otherwise (0 when ‖g‖ = 0). */
    public double psfRatio() {
        if (!sampled) {
            return Double.NaN;
        }
        return gradNorm == 0 ? 0 : psfNorm / gradNorm;
    }
}
