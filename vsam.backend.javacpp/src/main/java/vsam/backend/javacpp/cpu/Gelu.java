package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Shape;

/**
 * Exact GELU, element-wise in either layout (docs/ARCHITECTURE.md, "Models"):
 * {@code y = x · Φ(x)}, {@code dx = dy · (Φ(x) + x · φ(x))} with {@link Erf}. Keeps only a reference to its
 * input (the previous node's buffer) for the backward pass.
 */
final class Gelu extends Node {

    private NativeFloats y;
    private NativeFloats dx;
    private NativeFloats input;

    Gelu(Shape in, Layout layout) {
        super(in, in, layout, layout);
    }

    @Override
    void reserve(int capacity, Arena arena) {
        release(arena);
        y = arena.floats((long) capacity * in.elements());
        dx = arena.floats((long) capacity * in.elements());
    }

    @Override
    void release(Arena arena) {
        arena.free(y);
        arena.free(dx);
        y = null;
        dx = null;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        input = x;
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = y.buffer();
        c.parallel.range(c.n * in.elements(), 1 << 13, (from, to) -> {
            for (int i = from; i < to; i++) {
                yb.put(i, Erf.gelu(xb.get(i)));
            }
        });
        return y;
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        if (!needDx) {
            return null;
        }
        FloatBuffer xb = input.buffer();
        FloatBuffer db = dy.buffer();
        FloatBuffer ob = dx.buffer();
        c.parallel.range(c.n * in.elements(), 1 << 13, (from, to) -> {
            for (int i = from; i < to; i++) {
                ob.put(i, db.get(i) * Erf.geluDerivative(xb.get(i)));
            }
        });
        return dx;
    }
}
