package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Shape;

/**
 * {@code PositionEmbedding}: adds the learned {@code pos} ({@code [1, T, D]} at {@code offset}) to every
 * sequence, {@code FLAT} (docs/ARCHITECTURE.md, "Models"):
 * <pre>
 *   y[n][t][j] = x[n][t][j] + pos[t][j]      dpos = Σ_n dy[n]      dx = dy
 * </pre>
 * The input gradient is the incoming one itself (no copy), as an identity {@link Relayout} passes it.
 */
final class PositionEmbedding extends Node {

    private final long offset;
    private NativeFloats y;

    PositionEmbedding(Shape in, long offset) {
        super(in, in, Layout.FLAT, Layout.FLAT);
        this.offset = offset;
    }

    @Override
    void reserve(int capacity, Arena arena) {
        release(arena);
        y = arena.floats((long) capacity * in.elements());
    }

    @Override
    void release(Arena arena) {
        arena.free(y);
        y = null;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = y.buffer();
        FloatBuffer p = c.p;
        int len = in.elements();
        int at = (int) offset;
        c.parallel.range(c.n, 1, (e0, e1) -> {
            for (int e = e0; e < e1; e++) {
                for (int i = 0; i < len; i++) {
                    yb.put(e * len + i, xb.get(e * len + i) + p.get(at + i));
                }
            }
        });
        return y;
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        FloatBuffer db = dy.buffer();
        FloatBuffer g = c.g;
        int n = c.n;
        int len = in.elements();
        int at = (int) offset;
        c.parallel.range(len, 256, (from, to) -> {
            for (int i = from; i < to; i++) {
                double s = 0;
                for (int e = 0; e < n; e++) {
                    s += db.get(e * len + i);
                }
                g.put(at + i, (float) s);
            }
        });
        return needDx ? dy : null;
    }
}
