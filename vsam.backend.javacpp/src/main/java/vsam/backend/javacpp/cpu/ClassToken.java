package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Shape;

/**
 * {@code ClassToken}: prepends the learned token {@code cls} ({@code [1, 1, D]} at {@code offset} in the
 * parameters) to each sequence, {@code (T, D, 1) → (T + 1, D, 1)}, {@code FLAT} (docs/ARCHITECTURE.md,
 * "Models"):
 * <pre>
 *   y[n][0] = cls      y[n][1 + t] = x[n][t]      dcls = Σ_n dy[n][0]      dx[n][t] = dy[n][1 + t]
 * </pre>
 */
final class ClassToken extends Node {

    private final long offset;
    private final int width;
    private NativeFloats y;
    private NativeFloats dx;

    ClassToken(Shape in, long offset) {
        super(in, new Shape(in.channels() + 1, in.height(), 1), Layout.FLAT, Layout.FLAT);
        this.offset = offset;
        this.width = in.height();
    }

    @Override
    void reserve(int capacity, Arena arena) {
        release(arena);
        y = arena.floats((long) capacity * out.elements());
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
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = y.buffer();
        FloatBuffer p = c.p;
        int inLen = in.elements();
        int outLen = out.elements();
        int at = (int) offset;
        c.parallel.range(c.n, 1, (e0, e1) -> {
            for (int e = e0; e < e1; e++) {
                for (int j = 0; j < width; j++) {
                    yb.put(e * outLen + j, p.get(at + j));
                }
                for (int i = 0; i < inLen; i++) {
                    yb.put(e * outLen + width + i, xb.get(e * inLen + i));
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
        int inLen = in.elements();
        int outLen = out.elements();
        int at = (int) offset;
        for (int j = 0; j < width; j++) {
            double s = 0;
            for (int e = 0; e < n; e++) {
                s += db.get(e * outLen + j);
            }
            g.put(at + j, (float) s);
        }
        if (!needDx) {
            return null;
        }
        FloatBuffer xb = dx.buffer();
        c.parallel.range(n, 1, (e0, e1) -> {
            for (int e = e0; e < e1; e++) {
                for (int i = 0; i < inLen; i++) {
                    xb.put(e * inLen + i, db.get(e * outLen + width + i));
                }
            }
        });
        return dx;
    }
}
