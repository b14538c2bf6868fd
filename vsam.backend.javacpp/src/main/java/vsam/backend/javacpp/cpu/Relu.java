package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Shape;

/**
 * Rectified linear unit {@code y = max(x, 0)}, backward {@code dx = dy · [y > 0]} (PyTorch's
 * convention at 0). Works in place on its input and on the incoming gradient when the compiler says
 * nobody else reads them; otherwise into buffers of its own.
 */
final class Relu extends Node {

    private final boolean inPlace;
    private NativeFloats y;
    private NativeFloats dx;

    Relu(Shape in, Layout layout, boolean inPlace) {
        super(in, in, layout, layout);
        this.inPlace = inPlace;
    }

    @Override
    void reserve(int capacity, Arena arena) {
        release(arena);
        if (!inPlace) {
            y = arena.floats((long) capacity * in.elements());
            dx = arena.floats((long) capacity * in.elements());
        }
    }

    @Override
    void release(Arena arena) {
        arena.free(y);
        arena.free(dx);
        y = null;
        dx = null;
    }

    @Override
    boolean ownsOutput() {
        return !inPlace;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        NativeFloats out = inPlace ? x : y;
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = out.buffer();
        int total = c.n * in.elements();
        c.parallel.range(total, 1 << 15, (from, to) -> {
            for (int i = from; i < to; i++) {
                yb.put(i, Kernels.relu(xb.get(i)));
            }
        });
        lastOutput = out;
        return out;
    }

    private NativeFloats lastOutput;

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        NativeFloats out = inPlace ? dy : dx;
        FloatBuffer yb = lastOutput.buffer();
        FloatBuffer db = dy.buffer();
        FloatBuffer ob = out.buffer();
        int total = c.n * in.elements();
        c.parallel.range(total, 1 << 15, (from, to) -> {
            for (int i = from; i < to; i++) {
                // y ≥ 0 here, so y > 0 exactly when its bits are non-zero: mask = −1 then, else 0 (branch-free)
                int y = Float.floatToRawIntBits(yb.get(i));
                int mask = (y | -y) >> 31;
                ob.put(i, Float.intBitsToFloat(Float.floatToRawIntBits(db.get(i)) & mask));
            }
        });
        return out;
    }
}
