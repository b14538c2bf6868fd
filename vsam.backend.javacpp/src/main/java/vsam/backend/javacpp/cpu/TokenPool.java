package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Shape;

/**
 * {@code TokenMeanPool} and {@code ClassTokenPool}: one vector per sequence, {@code (T, D, 1) → (D, 1, 1)},
 * {@code FLAT} (docs/ARCHITECTURE.md, "Models"):
 * <pre>
 *   mean:  y[n][j] = (1/T) Σ_t x[n][t][j]      dx[n][t][j] = dy[n][j] / T
 *   class: y[n][j] = x[n][0][j]                dx[n][0][j] = dy[n][j], 0 for the other tokens
 * </pre>
 */
final class TokenPool extends Node {

    private final boolean mean;
    private final int tokens;
    private final int width;
    private NativeFloats y;
    private NativeFloats dx;

    /** A mean pool when {@code mean}, else the first (class) token. */
    TokenPool(Shape in, boolean mean) {
        super(in, new Shape(in.height(), 1, 1), Layout.FLAT, Layout.FLAT);
        this.mean = mean;
        this.tokens = in.channels();
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
    boolean hasParameters() {
        return false;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = y.buffer();
        int seq = tokens * width;
        c.parallel.range(c.n, 1, (e0, e1) -> {
            for (int e = e0; e < e1; e++) {
                for (int j = 0; j < width; j++) {
                    float v;
                    if (mean) {
                        double s = 0;
                        for (int t = 0; t < tokens; t++) {
                            s += xb.get(e * seq + t * width + j);
                        }
                        v = (float) (s / tokens);
                    } else {
                        v = xb.get(e * seq + j);
                    }
                    yb.put(e * width + j, v);
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
        int seq = tokens * width;
        float inv = 1f / tokens;
        c.parallel.range(c.n, 1, (e0, e1) -> {
            for (int e = e0; e < e1; e++) {
                for (int t = 0; t < tokens; t++) {
                    for (int j = 0; j < width; j++) {
                        // every element written each pass: the node before may have overwritten this buffer
                        float v = mean ? db.get(e * width + j) * inv : t == 0 ? db.get(e * width + j) : 0f;
                        xb.put(e * seq + t * width + j, v);
                    }
                }
            }
        });
        return dx;
    }
}
