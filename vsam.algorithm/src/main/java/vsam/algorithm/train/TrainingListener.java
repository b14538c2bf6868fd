package vsam.algorithm.train;

import vsam.api.telemetry.EpochEvent;
import vsam.api.telemetry.IterationEvent;

/**
 * Receives telemetry on the training thread. Implementations must return quickly (hand work to another
 * thread, or mark a model dirty for a later redraw): a slow listener slows training.
 */
public interface TrainingListener {

    /** After every iteration. */
    default void onIteration(IterationEvent event) {
    }

    /** After every epoch's evaluation. */
    default void onEpoch(EpochEvent event) {
    }

    /** Just before a checkpoint is written: make everything reported so far durable (flush files). */
    default void beforeCheckpoint() {
    }

    /** Once, when the run ends (completed or cancelled). */
    default void onFinish(TrainingResult result) {
    }
}
