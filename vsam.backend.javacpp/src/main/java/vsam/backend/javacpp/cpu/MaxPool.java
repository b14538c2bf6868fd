package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * Max pooling with a square {@code k × k} window and stride {@code k} (the floor of the size), in the
 * channel-major layout: {@code y[c][n][oy][ox] = max x[c][n][oy·k+i][ox·k+j]}, the first maximum in
 * scan order winning ties; backward sends {@code dy} to that arg-max and zero elsewhere. The 2×2 window (what
 * every model here uses) is {@link ElementLoops#maxPool2}.
 */
final class MaxPool extends Node {

    private final int k;
    private final ElementLoops loops = ElementLoops.preferred();
    private NativeFloats y;
    private NativeFloats dx;
    private int[] argmax = new int[0];

    MaxPool(Layer.MaxPool2d layer, Shape in) {
        super(in, layer.outputShape(in), Layout.CHANNELS, Layout.CHANNELS);
        k = layer.size();
    }

    @Override
    void reserve(int capacity, Arena arena) {
        release(arena);
        y = arena.floats((long) capacity * out.elements());
        dx = arena.floats((long) capacity * in.elements());
        argmax = new int[capacity * out.elements()];
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
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = y.buffer();
        int[] idx = argmax;
        if (k == 2) {
            NativeFloats out = y;
            c.parallel.range(in.channels() * c.n, 8, (from, to) -> loops.maxPool2(x, out, idx, from, to, h, w, ho, wo));
            return y;
        }
        c.parallel.range(in.channels() * c.n, 8, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int src = plane * h * w;
                int dst = plane * ho * wo;
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        int best = src + oy * k * w + ox * k;
                        int max = Kernels.orderedKey(xb.get(best));
                        for (int i = 0; i < k; i++) {
                            int row = src + (oy * k + i) * w + ox * k;
                            for (int j = 0; j < k; j++) {
                                int v = Kernels.orderedKey(xb.get(row + j));
                                boolean more = v > max;
                                best = more ? row + j : best;
                                max = more ? v : max;
                            }
                        }
                        yb.put(dst + oy * wo + ox, xb.get(best));
                        idx[dst + oy * wo + ox] = best;
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
        int hw = in.height() * in.width();
        int hwo = out.height() * out.width();
        FloatBuffer db = dy.buffer();
        FloatBuffer dxb = dx.buffer();
        int[] idx = argmax;
        c.parallel.range(in.channels() * c.n, 8, (from, to) -> {
            for (int i = from * hw; i < to * hw; i++) {
                dxb.put(i, 0f);
            }
            for (int i = from * hwo; i < to * hwo; i++) {
                int at = idx[i];
                dxb.put(at, dxb.get(at) + db.get(i));
            }
        });
        return dx;
    }
}
