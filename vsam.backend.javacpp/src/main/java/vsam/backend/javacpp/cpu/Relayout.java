package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Shape;

/**
 * Moves an activation between the two layouts (a block transpose of the first two axes):
 * {@code FLAT [N][C][HW] ↔ CHANNELS [C][N][HW]}; the gradient goes the opposite way. With one channel
 * (or the layouts already equal) the memory is the same and the node passes its input through.
 * {@code Flatten} is a relayout to {@code FLAT} with the output shape {@code (C·H·W, 1, 1)}.
 */
final class Relayout extends Node {

    private final boolean identity;
    private NativeFloats y;
    private NativeFloats dx;

    Relayout(Shape in, Shape out, Layout from, Layout to) {
        super(in, out, from, to);
        identity = from == to || in.channels() == 1;
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
        transpose(c, x.buffer(), y.buffer(), inLayout == Layout.FLAT);
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
        transpose(c, dy.buffer(), dx.buffer(), outLayout == Layout.FLAT);
        return dx;
    }

    /** {@code dst} ← {@code src} with the first two axes swapped; {@code fromFlat}: src is [N][C][HW]. */
    private void transpose(Context c, FloatBuffer src, FloatBuffer dst, boolean fromFlat) {
        int n = c.n;
        int ch = in.channels();
        int hw = in.height() * in.width();
        c.parallel.range(ch, 1, (c0, c1) -> {
            for (int ci = c0; ci < c1; ci++) {
                for (int e = 0; e < n; e++) {
                    int flat = (e * ch + ci) * hw;
                    int chan = (ci * n + e) * hw;
                    int s = fromFlat ? flat : chan;
                    int d = fromFlat ? chan : flat;
                    for (int p = 0; p < hw; p++) {
                        dst.put(d + p, src.get(s + p));
                    }
                }
            }
        });
    }
}
