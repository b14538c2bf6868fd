package vsam.gui.chart;

/**
 * An exponential moving average with bias correction, for smoothed curves:
 * {@code m_t = β·m_{t-1} + (1-β)·x_t}, reported as {@code m_t / (1 - β^t)} so the first values are not
 * pulled towards 0 (as in TensorBoard's smoothing and Adam's moment estimates).
 */
public final class Ema {

    private final double beta;
    private double mean;
    private double correction = 1;

    /** @param beta the decay β in [0, 1); 0 means no smoothing */
    public Ema(double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1), got " + beta);
        }
        this.beta = beta;
    }

    /** Adds a value and returns the smoothed value; non-finite values are skipped (the current value is returned). */
    public double add(double x) {
        if (Double.isFinite(x)) {
            mean = beta * mean + (1 - beta) * x;
            correction *= beta;
        }
        return value();
    }

    /** The smoothed value, NaN before the first value. */
    public double value() {
        return correction == 1 ? Double.NaN : mean / (1 - correction);
    }
}
