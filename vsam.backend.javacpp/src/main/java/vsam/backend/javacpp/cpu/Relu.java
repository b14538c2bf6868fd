package vsam.backend.javacpp.cpu;

import vsam.api.model.Shape;

/**
 * Rectified linear unit {@code y = max(x, 0)}, backward {@code dx = dy · [y > 0]} (PyTorch's
 * convention at 0). Works in place on its input and on the incoming gradient when the compiler says
 * nobody else reads them; otherwise into buffers of its own. The loops are {@link ElementLoops}.
 */
final class Relu extends Node {

    private final boolean inPlace;
    private final ElementLoops loops = ElementLoops.preferred();
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
    boolean hasParameters() {
        return false;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        NativeFloats out = inPlace ? x : y;
        int total = c.n * in.elements();
        c.parallel.range(total, 1 << 15, (from, to) -> loops.relu(x, out, from, to - from));
        lastOutput = out;
        return out;
    }

    private NativeFloats lastOutput;

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        NativeFloats out = inPlace ? dy : dx;
        NativeFloats y = lastOutput;
        int total = c.n * in.elements();
        c.parallel.range(total, 1 << 15, (from, to) -> loops.reluBackward(y, dy, out, from, to - from));
        return out;
    }
}
