package vsam.algorithm.reuse;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import vsam.api.vector.Vec;

/**
 * What a non-sampling step adds to its plain gradient {@code g}, from what the last SAM step measured.
 *
 * <p>Calling order: after every SAM step, {@link #onSample(Vec, Vec, Vec)}; on every non-sampling step,
 * {@link #adjust(Vec)} before the base optimizer steps.
 */
public interface ReuseRule {

    /**
     * A SAM step just measured {@code g} (clean), {@code gs} (perturbed) and {@code psf = gs − g}.
     * {@code psf} stays valid (unchanged) until the next call, so a rule may keep a reference to it
     * instead of copying; {@code g} and {@code gs} are overwritten by later steps.
     */
    void onSample(Vec g, Vec gs, Vec psf);

    /** Adds this rule's correction to {@code g} in place on a non-sampling step. */
    void adjust(Vec g);

    /** The weight the last {@link #adjust} gave to the stored component (0 when it added nothing). */
    default double lastWeight() {
        return 0;
    }

    /** Writes what the rule stores (checkpoints). Stateless rules write nothing. */
    default void writeState(DataOutput out) throws IOException {
    }

    /**
     * Restores what {@link #writeState} wrote, into a rule built from the same configuration.
     *
     * @param psf the step's PSF vector: a rule that keeps a reference to the PSF restores its values there
     */
    default void readState(DataInput in, Vec psf) throws IOException {
    }
}
