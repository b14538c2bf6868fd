package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Shape;

/**
 * Global average pooling in the channel-major layout: {@code y[c][n] = (1/HW) Σ_p x[c][n][p]},
 * backward {@code dx[c][n][p] = dy[c][n] / HW}.
 */
final class GlobalAvgPool extends Node {

    private NativeFloats y;
    private NativeFloats dx;

    GlobalAvgPool(Shape in) {
        super(in, new Shape(in.channels(), 1, 1), Layout.CHANNELS, Layout.CHANNELS);
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
    }

    @Override
    boolean hasParameters() {
        return false;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        int hw = in.height() * in.width();
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = y.buffer();
        c.parallel.range(in.channels() * c.n, 16, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                yb.put(plane, (float) (Kernels.sum(xb, plane * hw, hw) / hw));
            }
        });
        return y;
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        if (!needDx) {
            return null;
        }
        int hw = in.height() * in.width();
        FloatBuffer db = dy.buffer();
        FloatBuffer dxb = dx.buffer();
        float inv = 1f / hw;
        c.parallel.range(in.channels() * c.n, 16, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                float v = db.get(plane) * inv;
                for (int p = plane * hw; p < (plane + 1) * hw; p++) {
                    dxb.put(p, v);
                }
            }
        });
        return dx;
    }
}
