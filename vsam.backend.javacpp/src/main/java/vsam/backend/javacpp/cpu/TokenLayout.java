package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Shape;

/**
 * {@code Tokens}: a feature map's positions as a token sequence, {@code (C, H, W) → (H·W, C, 1)}
 * (docs/ARCHITECTURE.md, "Models": {@code x.flatten(2).transpose(1, 2)}). The output is {@code FLAT}
 * {@code [N][T][C]}; the input may be channel-major {@code [C][N][T]} (straight from a convolution) or
 * {@code FLAT} {@code [N][C][T]}, so after a patch-embedding convolution this is the only relayout:
 * <pre>
 *   y[n][t][c] = x[c][n][t]  (or x[n][c][t])      dx = the same index map backwards
 * </pre>
 */
final class TokenLayout extends Node {

    private NativeFloats y;
    private NativeFloats dx;

    TokenLayout(Shape in, Layout from) {
        super(in, new Shape(in.height() * in.width(), in.channels(), 1), from, Layout.FLAT);
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

    /** Index of {@code x[c][n][t]} in the input layout. */
    private int source(int n, int e, int ch, int t) {
        int tokens = in.height() * in.width();
        return inLayout == Layout.CHANNELS ? (ch * n + e) * tokens + t : (e * in.channels() + ch) * tokens + t;
    }

    @Override
    boolean hasParameters() {
        return false;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = y.buffer();
        int n = c.n;
        int ch = in.channels();
        int tokens = in.height() * in.width();
        c.parallel.range(n, 1, (e0, e1) -> {
            for (int e = e0; e < e1; e++) {
                for (int k = 0; k < ch; k++) {
                    int s = source(n, e, k, 0);
                    int d = e * tokens * ch + k;
                    for (int t = 0; t < tokens; t++) {
                        yb.put(d + t * ch, xb.get(s + t));
                    }
                }
            }
        });
        return y;
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        if (!needDx) {
            return null;
        }
        FloatBuffer db = dy.buffer();
        FloatBuffer xb = dx.buffer();
        int n = c.n;
        int ch = in.channels();
        int tokens = in.height() * in.width();
        c.parallel.range(n, 1, (e0, e1) -> {
            for (int e = e0; e < e1; e++) {
                for (int k = 0; k < ch; k++) {
                    int s = source(n, e, k, 0);
                    int d = e * tokens * ch + k;
                    for (int t = 0; t < tokens; t++) {
                        xb.put(s + t, db.get(d + t * ch));
                    }
                }
            }
        });
        return dx;
    }
}
