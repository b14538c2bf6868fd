package vsam.api.network;

/**
 * How a network computes its training loss: softmax cross-entropy with optional label smoothing,
 * {@code L = −Σ_c q_c log softmax(z)_c} with {@code q = (1 − ε)·onehot(y) + ε / C}.
 *
 * @param labelSmoothing {@code ε} in {@code [0, 1)}
 */
public record LossOptions(double labelSmoothing) {

    /** Plain cross-entropy. */
    public static final LossOptions PLAIN = new LossOptions(0);

    public LossOptions {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("labelSmoothing must be in [0, 1), got " + labelSmoothing);
        }
    }
}
