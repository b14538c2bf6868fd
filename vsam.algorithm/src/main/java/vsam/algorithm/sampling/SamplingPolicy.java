package vsam.algorithm.sampling;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * When a sharpness-aware method takes SAM's second, perturbed pass.
 *
 * <p>Calling order, once per iteration: {@link #sampleNow} after the clean pass; if it returned true,
 * {@link #observe} after the perturbed pass with that SAM step's statistics.
 */
public interface SamplingPolicy {

    /** Whether this iteration is a SAM (two-pass) step. */
    boolean sampleNow(StepContext ctx);

    /** Records the statistics of the SAM step just taken. Default: ignored. */
    default void observe(SampleStats stats) {
    }

    /** The policy's inner state for the telemetry; {@link SamplingDiagnostics#NONE} for a policy without one. */
    default SamplingDiagnostics diagnostics() {
        return SamplingDiagnostics.NONE;
    }

    /** Writes everything the policy has learned or drawn so far (checkpoints). Stateless policies write nothing. */
    default void writeState(DataOutput out) throws IOException {
    }

    /** Restores what {@link #writeState} wrote, into a policy built from the same configuration. */
    default void readState(DataInput in) throws IOException {
    }
}
