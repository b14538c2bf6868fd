package vsam.algorithm.sampling;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * AE-SAM (Jiang et al., ICLR 2023): SAM only when the squared gradient norm is large relative to its
 * running statistics. With {@code x = ‖g‖²}, first
 * {@code μ ← δμ + (1−δ)x}, {@code σ² ← δσ² + (1−δ)(x − μ)²}, then SAM iff {@code x ≥ μ + c_t·σ} where
 * {@code c_t} moves linearly from λ₂ at the start of training to λ₁ at the end.
 */
public final class GradientNormThreshold implements SamplingPolicy {

    private final double delta;
    private final double lambda1;
    private final double lambda2;
    private double mean;
    private double variance;

    public GradientNormThreshold(double delta, double lambda1, double lambda2) {
        this.delta = delta;
        this.lambda1 = lambda1;
        this.lambda2 = lambda2;
    }

    @Override
    public boolean sampleNow(StepContext ctx) {
        double x = ctx.gradNorm() * ctx.gradNorm();
        mean = delta * mean + (1 - delta) * x;
        variance = delta * variance + (1 - delta) * (x - mean) * (x - mean);
        return x >= mean + threshold(ctx.progress()) * Math.sqrt(variance);
    }

    /** {@code c_t = λ₂ + (λ₁ − λ₂) · t/T}. */
    public double threshold(double progress) {
        return lambda2 + (lambda1 - lambda2) * progress;
    }

    /** Current EMA of ‖g‖². */
    public double mean() {
        return mean;
    }

    /** Current EMA variance of ‖g‖². */
    public double variance() {
        return variance;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(mean);
        out.writeDouble(variance);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        mean = in.readDouble();
        variance = in.readDouble();
    }
}
