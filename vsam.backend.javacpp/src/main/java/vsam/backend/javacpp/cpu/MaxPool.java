package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * Max pooling with a square {@code k × k} window and stride {@code k} (the floor of the size), in the
 * channel-major layout: {@code y[c][n][oy][ox] = max x[c][n][oy·k+i][ox·k+j]}, the first maximum in
 * scan order winning ties; backward sends {@code dy} to that arg-max and zero elsewhere. The 2×2 window (what
 * every model here uses) is {@link ElementLoops#maxPool2}, and in the {@code BLOCKED} layout
 * {@link BlockedLoops#maxPool2}. The backward pass only needs the arg-max, so it is the same in every layout:
 * it runs over units (a channel plane channel-major, an example's block of 16 channels blocked) whose inputs
 * and outputs are contiguous, so no two threads write the same input gradient.
 */
final class MaxPool extends Node {

    private final int k;
    private final ElementLoops loops = ElementLoops.preferred();
    private NativeFloats y;
    private NativeFloats dx;
    private int[] argmax = new int[0];

    MaxPool(Layer.MaxPool2d layer, Shape in, Layout layout) {
        super(in, layer.outputShape(in), layout, layout);
        k = layer.size();
        if (layout == Layout.FLAT || layout == Layout.BLOCKED && !blockable(layer)) {
            throw new IllegalArgumentException("max pooling " + k + "x" + k + " does not run in " + layout);
        }
    }

    /** Whether {@code layer} runs in the {@code BLOCKED} layout: the 2×2 window, with SIMD lanes. */
    static boolean blockable(Layer.MaxPool2d layer) {
        return layer.size() == 2 && BlockedLoops.usable();
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
        if (inLayout == Layout.BLOCKED) {
            int ch = in.channels();
            NativeFloats out = y;
            c.parallel.range(c.n, 1, (e0, e1) -> BlockedLoops.maxPool2(x, out, idx, e0, e1, ch, h, w, ho, wo));
            return y;
        }
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
        int perUnit = inLayout == Layout.BLOCKED ? Layout.BLOCK : 1;
        int units = in.channels() * c.n / perUnit;
        int hw = in.height() * in.width() * perUnit;
        int hwo = out.height() * out.width() * perUnit;
        FloatBuffer db = dy.buffer();
        FloatBuffer dxb = dx.buffer();
        int[] idx = argmax;
        c.parallel.range(units, perUnit == 1 ? 8 : 1, (from, to) -> {
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
