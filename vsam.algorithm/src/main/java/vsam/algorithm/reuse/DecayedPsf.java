package vsam.algorithm.reuse;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Optional;
import vsam.algorithm.checkpoint.VecState;
import vsam.api.vector.Vec;

/**
 * vSAM's reuse rule: the {@code k}-th non-sampling step after a SAM step uses
 * {@code g + γ^k · PSF_last} while {@code k ≤ reuseHorizon}, and plain {@code g} after that
 * (docs/ALGORITHMS.md §2.3). With {@code γ = 0} every non-sampling step is exactly an SGD step.
 */
public final class DecayedPsf implements ReuseRule {

    private final double gamma;
    private final int horizon;
    private Optional<Vec> lastPsf = Optional.empty();
    private int k;
    private double lastWeight;

    public DecayedPsf(double gamma, int horizon) {
        this.gamma = gamma;
        this.horizon = horizon;
    }

    @Override
    public void onSample(Vec g, Vec gs, Vec psf) {
        lastPsf = Optional.of(psf);
        k = 0;
    }

    @Override
    public void adjust(Vec g) {
        k++;
        lastWeight = weight(k);
        if (lastWeight != 0 && lastPsf.isPresent()) {
            g.axpy((float) lastWeight, lastPsf.get());
        }
    }

    /** {@code γ^k} for {@code 1 ≤ k ≤ horizon}, else 0. */
    public double weight(int steps) {
        return steps >= 1 && steps <= horizon ? Math.pow(gamma, steps) : 0;
    }

    @Override
    public double lastWeight() {
        return lastWeight;
    }

    /** Non-sampling steps since the last SAM step. */
    public int stepsSinceSample() {
        return k;
    }

    /** Writes {@code k}, the last weight and the stored PSF's values. */
    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(k);
        out.writeDouble(lastWeight);
        out.writeBoolean(lastPsf.isPresent());
        if (lastPsf.isPresent()) {
            VecState.write(out, lastPsf.get());
        }
    }

    @Override
    public void readState(DataInput in, Vec psf) throws IOException {
        k = in.readInt();
        lastWeight = in.readDouble();
        if (in.readBoolean()) {
            VecState.read(in, psf);
            lastPsf = Optional.of(psf);
        } else {
            lastPsf = Optional.empty();
        }
    }
}
