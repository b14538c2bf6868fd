package vsam.algorithm.reuse;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import vsam.algorithm.checkpoint.VecState;
import vsam.api.vector.Vec;

/**
 * LookSAM's reuse rule (Liu et al., CVPR 2022). At a SAM step it stores the part of {@code g_s}
 * orthogonal to {@code g}: {@code g_v = g_s − ‖g_s‖ cos(g, g_s) · g/‖g‖ = g_s − (g·g_s / ‖g‖²) g};
 * a non-sampling step uses {@code g + α · (‖g‖ / ‖g_v‖) · g_v} (global norms).
 */
public final class OrthogonalComponent implements ReuseRule {

    private final Vec stored;
    private final double alpha;
    private double storedNorm;
    private double lastWeight;

    /** @param storage a vector shaped like the parameters, owned by this rule */
    public OrthogonalComponent(Vec storage, double alpha) {
        this.stored = storage;
        this.alpha = alpha;
    }

    @Override
    public void onSample(Vec g, Vec gs, Vec psf) {
        double gg = g.dot(g);
        stored.copyFrom(gs);
        if (gg > 0) {
            stored.axpy((float) (-g.dot(gs) / gg), g);
        }
        storedNorm = stored.norm2();
    }

    @Override
    public void adjust(Vec g) {
        lastWeight = 0;
        if (storedNorm > 0) {
            lastWeight = alpha * g.norm2() / storedNorm;
            g.axpy((float) lastWeight, stored);
        }
    }

    @Override
    public double lastWeight() {
        return lastWeight;
    }

    /** The stored orthogonal component {@code g_v}. */
    public Vec stored() {
        return stored;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(storedNorm);
        out.writeDouble(lastWeight);
        VecState.write(out, stored);
    }

    @Override
    public void readState(DataInput in, Vec psf) throws IOException {
        storedNorm = in.readDouble();
        lastWeight = in.readDouble();
        VecState.read(in, stored);
    }
}
