package vsam.backend.javacpp.cpu;

import org.bytedeco.javacpp.FloatPointer;

/**
 * The {@link ConvKernel} on oneDNN's primitives ({@link DnnlConvolution}): every part of the batch on
 * one of the session's own threads, each part's weight gradient folded into the gradient afterwards, and
 * the LSQ scales applied to the results (oneDNN's products are unscaled). Needs no workspace.
 */
final class DnnlConvKernel implements ConvKernel {

    private final ConvGeometry g;
    private final DnnlConvolution primitives;

    /** Input and output in the {@code BLOCKED} layout where {@code blockedIn}, {@code blockedOut}, else channel-major. */
    DnnlConvKernel(Dnnl runtime, ConvGeometry g, boolean blockedIn, boolean blockedOut) {
        this.g = g;
        this.primitives = new DnnlConvolution(runtime, g.cin(), g.cout(), g.k(), g.stride(), g.pad(), g.h(), g.w(),
                g.ho(), g.wo(), blockedIn, blockedOut);
    }

    @Override
    public long workspace(int capacity) {
        return 0;
    }

    @Override
    public void forward(Context c, Arena arena, NativeFloats x, FloatPointer weight, NativeFloats y) {
        int n = c.n;
        c.parallel.splitOnOwnThreads(n, 1, (part, e0, e1) -> primitives.forward(part, e0, e1 - e0, n, arena, x, weight, y));
    }

    @Override
    public void backward(Context c, Arena arena, NativeFloats x, FloatPointer weight, NativeFloats dy, long weightOffset,
                         float inScale, float wScale, NativeFloats dx) {
        int n = c.n;
        int weights = g.cout() * g.kk();
        c.parallel.splitOnOwnThreads(n, 1, (part, e0, e1) -> primitives.backward(part, e0, e1 - e0, n, arena, dy,
                part == 0 ? c.grad.at(weightOffset) : c.partial[part - 1].pointer(), dx));
        c.reducePartials(weightOffset, weights, c.parallel.parts(n, 1));
        if (inScale != 1f) {
            Blas.scale(weights, inScale, c.grad.at(weightOffset));
        }
        if (dx != null && wScale != 1f) {
            Blas.scale(n * g.cin() * g.h() * g.w(), wScale, dx.pointer());
        }
    }

    @Override
    public void release() {
        primitives.close();
    }
}
