package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Shape;

/**
 * Moves an activation between two {@link Node.Layout}s, element {@code (e, c, p)} to element {@code (e, c, p)}
 * (for {@code FLAT ↔ CHANNELS} a block transpose of the first two axes); the gradient goes the opposite way.
 * With one channel between {@code FLAT} and {@code CHANNELS} (or the layouts already equal) the memory is the
 * same and the node passes its input through. {@code Flatten} is a relayout to {@code FLAT} with the output
 * shape {@code (C·H·W, 1, 1)}.
 */
final class Relayout extends Node {

    private final boolean identity;
    private NativeFloats y;
    private NativeFloats dx;

    Relayout(Shape in, Shape out, Layout from, Layout to) {
        super(in, out, from, to);
        identity = from == to || (in.channels() == 1 && from != Layout.BLOCKED && to != Layout.BLOCKED);
    }

    @Override
    boolean ownsOutput() {
        return !identity;
    }

    @Override
    void reserve(int capacity, Arena arena) {
        release(arena);
        if (!identity) {
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
    boolean hasParameters() {
        return false;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        if (identity) {
            return x;
        }
        move(c, x.buffer(), inLayout, y.buffer(), outLayout);
        return y;
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        if (identity) {
            return dy;
        }
        if (!needDx) {
            return null;
        }
        move(c, dy.buffer(), outLayout, dx.buffer(), inLayout);
        return dx;
    }

    /** {@code dst} in layout {@code to} ← {@code src} in layout {@code from}, element by element. */
    private void move(Context c, FloatBuffer src, Layout from, FloatBuffer dst, Layout to) {
        int n = c.n;
        int ch = in.channels();
        int hw = in.height() * in.width();
        int fromStride = from == Layout.BLOCKED ? Layout.BLOCK : 1;
        int toStride = to == Layout.BLOCKED ? Layout.BLOCK : 1;
        c.parallel.range(n, 1, (e0, e1) -> {
            for (int e = e0; e < e1; e++) {
                for (int ci = 0; ci < ch; ci++) {
                    int s = from.offset(e, ci, 0, n, ch, hw);
                    int d = to.offset(e, ci, 0, n, ch, hw);
                    for (int p = 0; p < hw; p++) {
                        dst.put(d + p * toStride, src.get(s + p * fromStride));
                    }
                }
            }
        });
    }
}
