package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * Average pooling with a square {@code k × k} window, stride {@code k}, no padding, in the channel-major
 * layout, as {@code torch.nn.AvgPool2d(k)} (docs/ARCHITECTURE.md, "Model files"):
 * {@code y[c][n][oy][ox] = (1/k²) Σ_{i,j<k} x[c][n][oy·k+i][ox·k+j]}, with {@code ⌊H/k⌋ × ⌊W/k⌋} outputs.
 * Backward spreads each output's gradient evenly over its window,
 * {@code dx[c][n][y][x] = dy[c][n][⌊y/k⌋][⌊x/k⌋] / k²}, and gives the rows and columns past the last whole
 * window (which no output reads) a zero gradient.
 */
final class AvgPool extends Node {

    private final int k;
    private NativeFloats y;
    private NativeFloats dx;

    AvgPool(Layer.AvgPool2d layer, Shape in) {
        super(in, layer.outputShape(in), Layout.CHANNELS, Layout.CHANNELS);
        k = layer.size();
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
        int h = in.height();
        int w = in.width();
        int ho = out.height();
        int wo = out.width();
        float inv = 1f / (k * k);
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = y.buffer();
        c.parallel.range(in.channels() * c.n, 8, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int src = plane * h * w;
                int dst = plane * ho * wo;
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        float sum = 0f;
                        for (int i = 0; i < k; i++) {
                            int row = src + (oy * k + i) * w + ox * k;
                            for (int j = 0; j < k; j++) {
                                sum += xb.get(row + j);
                            }
                        }
                        yb.put(dst + oy * wo + ox, sum * inv);
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
        int h = in.height();
        int w = in.width();
        int ho = out.height();
        int wo = out.width();
        float inv = 1f / (k * k);
        FloatBuffer db = dy.buffer();
        FloatBuffer dxb = dx.buffer();
        c.parallel.range(in.channels() * c.n, 8, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int src = plane * ho * wo;
                int dst = plane * h * w;
                for (int yy = 0; yy < h; yy++) {
                    int oy = yy / k;
                    int row = dst + yy * w;
                    for (int xx = 0; xx < w; xx++) {
                        int ox = xx / k;
                        dxb.put(row + xx, oy < ho && ox < wo ? db.get(src + oy * wo + ox) * inv : 0f);
                    }
                }
            }
        });
        return dx;
    }
}
