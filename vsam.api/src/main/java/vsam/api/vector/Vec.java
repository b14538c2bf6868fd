package vsam.api.vector;

/**
 * One logical vector over all trainable parameters of a network, living where the backend keeps its
 * tensors (host memory, native memory or a GPU). Parameters, gradients, the stored PSF and optimizer
 * buffers are all {@code Vec}s sharing one {@link Segments} table, so the algorithm can combine them
 * without knowing their layout.
 *
 * <p>Every operation works on the device; none copies to the Java heap except {@link #read()} and
 * {@link #write(float[])}, which exist for checkpoints and tests, not for the training hot path.
 * Operands must come from the same session and have the same segment table.
 */
public interface Vec {

    /** The tensor boundaries, in model-spec order. */
    Segments segments();

    /** Number of scalar elements, the sum of all segment sizes. */
    default long length() {
        return segments().totalLength();
    }

    /** {@code this ← x}. */
    void copyFrom(Vec x);

    /** {@code this ← v} element-wise. */
    void fill(float v);

    /** {@code this ← a · this}. */
    void scale(float a);

    /** {@code this ← this + a · x}. */
    void axpy(float a, Vec x);

    /** {@code Σ this_i · x_i}, accumulated in double precision where the backend can. */
    double dot(Vec x);

    /** The global L2 norm {@code ‖this‖} over every segment. */
    double norm2();

    /** The L2 norm over the segments of {@code scope} only. */
    double norm2(SegmentScope scope);

    /** {@code this_i ← this_i · x_i} (ASAM's {@code T = diag(|w|)} factors). */
    void mulElementwise(Vec x);

    /** {@code this_i ← |this_i|}. */
    void abs();

    /**
     * Fused SGD step on {@code this} (the parameters), PyTorch's convention:
     * <pre>
     *   d = grad + wd · w
     *   momentum ← mu · momentum + d
     *   d = nesterov ? d + mu · momentum : momentum      (with mu = 0: d unchanged)
     *   w ← w − lr · d
     * </pre>
     */
    void sgdStep(Vec grad, Vec momentum, float lr, float mu, float wd, boolean nesterov);

    /**
     * Fused AdamW step on {@code this} (Loshchilov and Hutter, decoupled weight decay):
     * <pre>
     *   w ← w − lr · wd · w
     *   m ← b1 · m + (1 − b1) · g;   v ← b2 · v + (1 − b2) · g²
     *   w ← w − lr · (m / (1 − b1^t)) / (sqrt(v / (1 − b2^t)) + eps)
     * </pre>
     * with {@code t ≥ 1} the step number.
     */
    void adamWStep(Vec grad, Vec m, Vec v, float lr, float b1, float b2, float eps, float wd, int t);

    /** Copies the whole vector to the heap (checkpoints, tests). */
    float[] read();

    /** Overwrites the whole vector from the heap; {@code values.length} must equal {@link #length()}. */
    void write(float[] values);
}
