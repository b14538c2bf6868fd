package vsam.backend.javacpp.cpu;

import vsam.api.model.Shape;

/**
 * Exact GELU, element-wise in either layout (docs/ARCHITECTURE.md, "Models"):
 * {@code y = x · Φ(x)}, {@code dx = dy · (Φ(x) + x · φ(x))} with {@link Erf}. Keeps only a reference to its
 * input (the previous node's buffer) for the backward pass. The loops are {@link ElementLoops}.
 */
final class Gelu extends Node {

    private final ElementLoops loops = ElementLoops.preferred();
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
    boolean hasParameters() {
        return false;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        input = x;
        NativeFloats out = y;
        c.parallel.range(c.n * in.elements(), 1 << 13, (from, to) -> loops.gelu(x, out, from, to - from));
        return y;
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        if (!needDx) {
            return null;
        }
        NativeFloats x = input;
        NativeFloats out = dx;
        c.parallel.range(c.n * in.elements(), 1 << 13, (from, to) -> loops.geluBackward(x, dy, out, from, to - from));
        return dx;
    }
}
