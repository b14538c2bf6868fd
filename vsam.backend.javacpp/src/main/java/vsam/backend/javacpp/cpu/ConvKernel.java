package vsam.backend.javacpp.cpu;

import java.util.Optional;
import org.bytedeco.javacpp.FloatPointer;

/**
 * How a {@link Conv} layer computes its three products over a batch in the channel-major layout,
 * before any bias or LSQ scale:
 * <pre>
 *   forward          y  = W ⋆ x
 *   backward weights dW = inScale · Σ_n dy ⋆ x
 *   backward data    dx = wScale · Wᵀ ⋆ dy
 * </pre>
 * One kernel is chosen per layer when the network is built ({@link #choose}) and used for its whole
 * life: oneDNN's primitives ({@link DnnlConvKernel}) when the session has oneDNN, else im2col and
 * OpenBLAS {@code sgemm} ({@link GemmConvKernel}).
 */
interface ConvKernel {

    /** oneDNN's kernel when the session has {@code dnnl}, else the im2col + sgemm one. */
    static ConvKernel choose(ConvGeometry geometry, Optional<Dnnl> dnnl) {
        return dnnl.<ConvKernel>map(d -> new DnnlConvKernel(d, geometry, false, false))
                .orElseGet(() -> new GemmConvKernel(geometry));
    }

    /** Floats of workspace ({@link Context#workspace}) each thread part needs for parts of up to {@code capacity} examples. */
    long workspace(int capacity);

    /** {@code y = W ⋆ x} over the {@code c.n} examples, the examples split over the session's threads. */
    void forward(Context c, Arena arena, NativeFloats x, FloatPointer weight, NativeFloats y);

    /**
     * The weight gradient {@code inScale · Σ_n dy ⋆ x} into {@code c.grad} at {@code weightOffset}
     * (overwriting it; per-thread parts folded in), and, when {@code dx} is not null,
     * {@code dx = wScale · Wᵀ ⋆ dy}. {@code x} and {@code weight} are those of the last {@link #forward}.
     */
    void backward(Context c, Arena arena, NativeFloats x, FloatPointer weight, NativeFloats dy, long weightOffset,
                  float inScale, float wScale, NativeFloats dx);

    /** Frees what the kernel holds natively; it builds it again on its next use. */
    void release();
}
