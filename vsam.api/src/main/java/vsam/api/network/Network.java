package vsam.api.network;

import vsam.api.model.ModelSpec;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;

/**
 * A network built by a backend from a {@link ModelSpec}. Not thread-safe: one training thread uses it.
 */
public interface Network {

    /** The spec it was built from. */
    ModelSpec spec();

    /** A live view of the weights: changing it changes the model. */
    Vec params();

    /** The tensor boundaries, in spec order. */
    default Segments segments() {
        return params().segments();
    }

    /**
     * One forward and backward pass in training mode: writes {@code ∇L_B(w)} into {@code gradOut}
     * (overwriting it, never accumulating) and returns the mean loss over the batch (with the session's
     * label smoothing). A {@link Pass#PERTURBED} pass leaves the BatchNorm running statistics unchanged.
     */
    double lossAndGradient(DeviceBatch batch, Pass pass, Vec gradOut);

    /** Inference-mode evaluation (running BatchNorm statistics, no gradient). */
    Evaluation evaluate(DeviceBatch batch);

    /**
     * Inference-mode class scores: the logits of every example of {@code batch}, row-major
     * {@code batch size × classes} (example {@code i}'s score of class {@code c} at {@code i · classes + c}),
     * with the running BatchNorm statistics and no gradient, as {@link #evaluate} computes them.
     */
    float[] logits(DeviceBatch batch);

    /** Copies parameters and BatchNorm buffers to the heap. */
    NetworkState exportState();

    /** Restores parameters and BatchNorm buffers; sizes must match this network. */
    void importState(NetworkState state);
}
