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
 * The loops are {@link ElementLoops}.
 */
final class LayerNorm extends Node {

    private final int width;
    private final long gammaOffset;
    private final ElementLoops loops = ElementLoops.preferred();
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
        NativeFloats out = y;
        NativeFloats rowStats = stats;
        int d = width;
        float eps = Layer.LayerNorm.EPSILON;
        c.parallel.range(c.n * rowsPerExample(), 64,
                (r0, r1) -> loops.layerNormForward(x, out, rowStats, c.params, (int) gammaOffset, d, eps, r0, r1));
        return y;
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        NativeFloats x = input;
        NativeFloats out = needDx ? dx : null;
        NativeFloats rowStats = stats;
        int d = width;
        int gamma = (int) gammaOffset;
        int rows = c.n * rowsPerExample();
        int parts = c.parallel.parts(rows, 64);
        c.parallel.split(rows, 64, (part, r0, r1) -> {
            NativeFloats grad = part == 0 ? c.grad : c.partial[part - 1];
            int g0 = part == 0 ? gamma : 0;
            FloatBuffer gb = grad.buffer();
            for (int j = 0; j < 2 * d; j++) {
                gb.put(g0 + j, 0f);
            }
            loops.layerNormBackward(x, dy, out, rowStats, c.params, gamma, d, grad, g0, r0, r1);
        });
        c.reducePartials(gammaOffset, 2 * d, parts);
        return needDx ? dx : null;
    }
}
