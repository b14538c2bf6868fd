package vsam.algorithm.train;

import java.util.List;
import vsam.api.telemetry.EpochEvent;

/**
 * The outcome of a training run.
 *
 * @param method       method name
 * @param status       whether it ran to the end
 * @param epochs       every finished epoch, in order
 * @param iterations   iterations run
 * @param samSteps     SAM (two-pass) steps
 * @param passes       forward/backward passes
 * @param trainSeconds training wall time, evaluation excluded
 * @param passSeconds  the part of {@code trainSeconds} spent inside the backend's forward/backward calls; the
 *                     rest is waiting for data, uploading batches, vector operations and optimizer updates
 */
public record TrainingResult(String method, Status status, List<EpochEvent> epochs, long iterations, long samSteps,
                             long passes, double trainSeconds, double passSeconds) {

    /** How the run ended. */
    public enum Status { COMPLETED, CANCELLED }

    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    /** Test accuracy after the last finished epoch, 0 when none finished. */
    public double finalAccuracy() {
        return epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).testAccuracy();
    }

    /** Best test accuracy over finished epochs, 0 when none finished. */
    public double bestAccuracy() {
        return epochs.stream().mapToDouble(EpochEvent::testAccuracy).max().orElse(0);
    }

    /** SAM steps / iterations. */
    public double samFraction() {
        return iterations == 0 ? 0 : (double) samSteps / iterations;
    }

    /** Share of the training time spent outside forward/backward passes (data, vectors, optimizer). */
    public double outsidePassesFraction() {
        return trainSeconds <= 0 ? 0 : Math.max(0, 1 - passSeconds / trainSeconds);
    }

    /** Passes / iterations: SGD 1.0, SAM 2.0. */
    public double passesPerStep() {
        return iterations == 0 ? 0 : (double) passes / iterations;
    }
}
