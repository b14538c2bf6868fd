package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Shape;

/**
 * A residual block {@code y = main(x) + shortcut(x)} (an empty shortcut is the identity); backward
 * {@code dx = dmain(dy) + dshortcut(dy)}. Both branches read the block's input and the incoming
 * gradient, which the compiler therefore never lets them overwrite.
 */
final class Residual extends Node {

    private final Sequence main;
    private final Sequence shortcut;
    private NativeFloats y;
    private NativeFloats dx;

    Residual(Shape in, Shape out, Layout layout, Sequence main, Sequence shortcut) {
        super(in, out, layout, layout);
        this.main = main;
        this.shortcut = shortcut;
    }

    @Override
    void reserve(int capacity, Arena arena) {
        release(arena);
        main.reserve(capacity, arena);
        shortcut.reserve(capacity, arena);
        y = arena.floats((long) capacity * out.elements());
        dx = arena.floats((long) capacity * in.elements());
    }

    @Override
    void release(Arena arena) {
        main.release(arena);
        shortcut.release(arena);
        arena.free(y);
        arena.free(dx);
    }

    @Override
    long weights() {
        return Math.max(main.weights(), shortcut.weights());
    }

    @Override
    boolean hasParameters() {
        return main.hasParameters() || shortcut.hasParameters();
    }

    @Override
    long workspace(int capacity) {
        return Math.max(main.workspace(capacity), shortcut.workspace(capacity));
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        NativeFloats a = main.forward(c, x);
        NativeFloats b = shortcut.forward(c, x);
        add(c, a.buffer(), b.buffer(), y.buffer(), c.n * out.elements());
        return y;
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        NativeFloats a = main.backward(c, dy, needDx);
        if (!needDx) {
            shortcut.backward(c, dy, false);
            return null;
        }
        // the main branch's input gradient is its first node's own buffer: safe to hold while the shortcut runs
        NativeFloats b = shortcut.backward(c, dy, true);
        add(c, a.buffer(), b.buffer(), dx.buffer(), c.n * in.elements());
        return dx;
    }

    private static void add(Context c, FloatBuffer a, FloatBuffer b, FloatBuffer out, int total) {
        c.parallel.range(total, 1 << 15, (from, to) -> {
            for (int i = from; i < to; i++) {
                out.put(i, a.get(i) + b.get(i));
            }
        });
    }
}
