package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * {@code LayerNorm} over the last {@code D} values of each row, {@code FLAT}: the {@code n·T} tokens of a
 * token sequence, or the {@code n} vectors of a flat input of {@code D} (docs/ARCHITECTURE.md, "Models").
 * With the row's mean {@code μ}, biased variance {@code σ²}, {@code r = 1/√(σ² + ε)}, {@code x̂ = (x − μ)·r}:
 * <pre>
 *   y = γ ⊙ x̂ + β      g = γ ⊙ dy      dx = r · (g − mean(g) − x̂ · mean(g ⊙ x̂))
 *   dγ = Σ_rows dy ⊙ x̂      dβ = Σ_rows dy
 * </pre>
 * Kept for the backward pass: the input (the previous node's buffer) and {@code μ, r} per row, nothing
 * else. LayerNorm has no running statistics, so every mode computes the same and changes no buffer.
 * Rows are split over the threads; parts after the first sum {@code dγ, dβ} into {@link Context#partial}.
 */
final class LayerNorm extends Node {

    private final int width;
    private final long gammaOffset;
    private NativeFloats y;
    private NativeFloats dx;
    private NativeFloats stats;
    private NativeFloats input;

    LayerNorm(Layer.LayerNorm layer, Shape in, long gammaOffset) {
        super(in, layer.outputShape(in), Layout.FLAT, Layout.FLAT);
        this.width = layer.width();
        this.gammaOffset = gammaOffset;
    }

    private int rowsPerExample() {
        return in.elements() / width;
    }

    @Override
    void reserve(int capacity, Arena arena) {
        release(arena);
        y = arena.floats((long) capacity * in.elements());
        dx = arena.floats((long) capacity * in.elements());
        stats = arena.floats(2L * capacity * rowsPerExample());
    }

    @Override
    void release(Arena arena) {
        arena.free(y);
        arena.free(dx);
        arena.free(stats);
        y = null;
        dx = null;
        stats = null;
    }

    @Override
    long weights() {
        return 2L * width;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        input = x;
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = y.buffer();
        FloatBuffer sb = stats.buffer();
        FloatBuffer p = c.p;
        int d = width;
        int gamma = (int) gammaOffset;
        int beta = gamma + d;
        float eps = Layer.LayerNorm.EPSILON;
        c.parallel.range(c.n * rowsPerExample(), 64, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int at = r * d;
                double s = Kernels.sum(xb, at, d);
                float mean = (float) (s / d);
                double q = 0;
                for (int j = 0; j < d; j++) {
                    double v = xb.get(at + j) - mean;
                    q += v * v;
                }
                float rstd = (float) (1 / Math.sqrt(q / d + eps));
                sb.put(2 * r, mean);
                sb.put(2 * r + 1, rstd);
                for (int j = 0; j < d; j++) {
                    yb.put(at + j, p.get(gamma + j) * ((xb.get(at + j) - mean) * rstd) + p.get(beta + j));
                }
            }
        });
        return y;
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        FloatBuffer xb = input.buffer();
        FloatBuffer db = dy.buffer();
        FloatBuffer xd = dx.buffer();
        FloatBuffer sb = stats.buffer();
        FloatBuffer p = c.p;
        int d = width;
        int gamma = (int) gammaOffset;
        int rows = c.n * rowsPerExample();
        int parts = c.parallel.parts(rows, 64);
        c.parallel.split(rows, 64, (part, r0, r1) -> {
            FloatBuffer gb = part == 0 ? c.g : c.partial[part - 1].buffer();
            int g0 = part == 0 ? gamma : 0;
            for (int j = 0; j < 2 * d; j++) {
                gb.put(g0 + j, 0f);
            }
            for (int r = r0; r < r1; r++) {
                int at = r * d;
                float mean = sb.get(2 * r);
                float rstd = sb.get(2 * r + 1);
                double sumG = 0;
                double sumGx = 0;
                for (int j = 0; j < d; j++) {
                    float xh = (xb.get(at + j) - mean) * rstd;
                    float dyj = db.get(at + j);
                    float g = p.get(gamma + j) * dyj;
                    sumG += g;
                    sumGx += g * xh;
                    gb.put(g0 + j, gb.get(g0 + j) + dyj * xh);
                    gb.put(g0 + d + j, gb.get(g0 + d + j) + dyj);
                }
                if (needDx) {
                    float meanG = (float) (sumG / d);
                    float meanGx = (float) (sumGx / d);
                    for (int j = 0; j < d; j++) {
                        float xh = (xb.get(at + j) - mean) * rstd;
                        float g = p.get(gamma + j) * db.get(at + j);
                        xd.put(at + j, rstd * (g - meanG - xh * meanGx));
                    }
                }
            }
        });
        c.reducePartials(gammaOffset, 2 * d, parts);
        return needDx ? dx : null;
    }
}
