package vsam.api.telemetry;

/**
 * What happened in one training iteration (docs/ALGORITHMS.md §2.3), sent to listeners for progress bars,
 * metrics files and live charts. Values a method does not have (vSAM's {@code s} for SAM, say) are
 * {@code NaN}.
 *
 * @param iteration    global iteration index, from 0
 * @param epoch        epoch index, from 0
 * @param sampled      whether this iteration took the second (perturbed) pass
 * @param s            vSAM's SAM steps per window
 * @param sOverK       {@code s / K}
 * @param samFraction  SAM steps so far divided by iterations so far
 * @param loss         mean training loss of the clean pass
 * @param gradNorm     ‖g‖ over the statistics scope
 * @param psfNorm      ‖PSF‖ over the statistics scope, measured this iteration; NaN when not sampled
 * @param psfRatio     r = ‖PSF‖ / ‖g‖ when sampled; NaN otherwise
 * @param variation    v, the latest sorted-block variance of ‖PSF‖
 * @param learningRate learning rate used by the base step
 * @param stepNanos    wall time of the step (both passes and the update)
 * @param passes       forward/backward passes so far
 */
public record IterationEvent(long iteration, int epoch, boolean sampled, double s, double sOverK, double samFraction,
                             double loss, double gradNorm, double psfNorm, double psfRatio, double variation,
                             double learningRate, long stepNanos, long passes) {
}
