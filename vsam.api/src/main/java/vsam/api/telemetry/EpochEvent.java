package vsam.api.telemetry;

/**
 * The summary of one finished epoch, after evaluation.
 *
 * @param epoch          epoch index, from 0
 * @param iterations     iterations so far in the run
 * @param trainLoss      mean clean-pass training loss over the epoch
 * @param testLoss       mean test loss (no label smoothing)
 * @param testAccuracy   test accuracy in [0, 1]
 * @param trainSeconds   training wall time so far, evaluation excluded
 * @param samSteps       SAM (two-pass) steps so far
 * @param passes         forward/backward passes so far
 */
public record EpochEvent(int epoch, long iterations, double trainLoss, double testLoss, double testAccuracy,
                         double trainSeconds, long samSteps, long passes) {

    /** SAM steps divided by iterations. */
    public double samFraction() {
        return iterations == 0 ? 0 : (double) samSteps / iterations;
    }

    /** Passes per step: SGD 1.0, SAM 2.0. */
    public double passesPerStep() {
        return iterations == 0 ? 0 : (double) passes / iterations;
    }
}
