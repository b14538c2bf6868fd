package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import vsam.api.model.Layer;
import vsam.api.model.Shape;
import vsam.backend.javacpp.AttentionLayout;

/**
 * Multi-head self-attention over {@code FLAT} token sequences {@code [n][T][D]}, {@code H} heads of width
 * {@code d = D/H} (docs/ARCHITECTURE.md, "Models"; PyTorch/timm's {@code Attention}). Row {@code t} of
 * {@code QKV = X W_qkvᵀ + b_qkv} ({@code [n·T][3D]}, one sgemm) holds query, key and value of every head:
 * feature {@code s·D + h·d + j} is part {@code s} of head {@code h}. Per sequence and head, straight on
 * strided views into that buffer (leading dimension {@code 3D}, no copies):
 * <pre>
 *   P = softmax(Q Kᵀ / √d)   (row-wise, the row maximum subtracted first)      O = P V   → column block h of A [n·T][D]
 *   Y = A W_oᵀ + b_o
 * backward, with dA = dY W_o:
 *   dV = Pᵀ dA      dP = dA Vᵀ      dS = P ⊙ (dP − rowsum(dP ⊙ P)) / √d      dQ = dS K      dK = dSᵀ Q
 *   dW_o = dYᵀ A    dW_qkv = dQKVᵀ X    dX = dQKV W_qkv    (biases: column sums)
 * </pre>
 * Kept for the backward pass: {@code QKV}, the probabilities {@code P} ({@code n·H·T·T}, once) and
 * {@code A}, plus a reference to the input. {@code dP}/{@code dS} live in the per-thread workspace
 * ({@code T·T}); {@code dA} and {@code dX} share one buffer ({@code dA} is dead once {@code dQKV} is formed).
 * The products are OpenBLAS sgemm calls, sequences split over the session's threads; the softmax loops are
 * {@link ElementLoops}.
 */
final class SelfAttention extends Node {

    private final AttentionLayout layout;
    private final ElementLoops loops = ElementLoops.preferred();
    private final int tokens;
    private final int width;
    private final int heads;
    private final int headWidth;
    private final float scale;
    private NativeFloats qkv;
    private NativeFloats probs;
    private NativeFloats attended;
    private NativeFloats y;
    private NativeFloats dQkv;
    private NativeFloats dx;
    private NativeFloats input;

    SelfAttention(Layer.SelfAttention layer, Shape in, long offset) {
        super(in, layer.outputShape(in), Layout.FLAT, Layout.FLAT);
        layout = AttentionLayout.of(layer, in.channels(), offset);
        tokens = layout.tokens();
        width = layout.width();
        heads = layout.heads();
        headWidth = layout.headWidth();
        scale = layout.scale();
    }

    @Override
    void reserve(int capacity, Arena arena) {
        release(arena);
        qkv = arena.floats(layout.qkvLength(capacity));
        probs = arena.floats(layout.probabilitiesLength(capacity));
        attended = arena.floats(layout.sequenceLength(capacity));
        y = arena.floats(layout.sequenceLength(capacity));
        dQkv = arena.floats(layout.qkvLength(capacity));
        dx = arena.floats(layout.sequenceLength(capacity));
    }

    @Override
    void release(Arena arena) {
        for (NativeFloats f : new NativeFloats[] {qkv, probs, attended, y, dQkv, dx}) {
            arena.free(f);
        }
        qkv = probs = attended = y = dQkv = dx = null;
    }

    @Override
    long workspace(int capacity) {
        return (long) tokens * tokens;
    }

    @Override
    long weights() {
        return 3L * width * width;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        input = x;
        int t = tokens;
        int d = width;
        int ld = 3 * d;
        FloatPointer wQkv = c.params.at(layout.qkvWeight());
        FloatPointer wProj = c.params.at(layout.projWeight());
        FloatBuffer p = c.p;
        c.parallel.split(c.n, 1, (part, e0, e1) -> {
            long r0 = (long) e0 * t;
            int rows = (e1 - e0) * t;
            if (rows == 0) {
                return;
            }
            Blas.gemm(false, true, rows, ld, d, 1f, x.at(r0 * d), d, wQkv, d, 0f, qkv.at(r0 * ld), ld);
            addBias(qkv.buffer(), p, (int) layout.qkvBias(), (int) r0, rows, ld);
            for (int e = e0; e < e1; e++) {
                long base = (long) e * t * ld;
                for (int h = 0; h < heads; h++) {
                    long pAt = ((long) e * heads + h) * t * t;
                    long hAt = (long) h * headWidth;
                    Blas.gemm(false, true, t, t, headWidth, scale, qkv.at(base + hAt), ld, qkv.at(base + d + hAt), ld,
                            0f, probs.at(pAt), t);
                    loops.softmaxRows(probs, (int) pAt, t);
                    Blas.gemm(false, false, t, headWidth, t, 1f, probs.at(pAt), t, qkv.at(base + 2L * d + hAt), ld,
                            0f, attended.at((long) e * t * d + hAt), d);
                }
            }
            Blas.gemm(false, true, rows, d, d, 1f, attended.at(r0 * d), d, wProj, d, 0f, y.at(r0 * d), d);
            addBias(y.buffer(), p, (int) layout.projBias(), (int) r0, rows, d);
        });
        return y;
    }

    /** {@code m[r][j] += p[bias + j]} for rows {@code r0 .. r0+rows} of width {@code w}. */
    private static void addBias(FloatBuffer m, FloatBuffer p, int bias, int r0, int rows, int w) {
        for (int r = r0; r < r0 + rows; r++) {
            int at = r * w;
            for (int j = 0; j < w; j++) {
                m.put(at + j, m.get(at + j) + p.get(bias + j));
            }
        }
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        int t = tokens;
        int d = width;
        int ld = 3 * d;
        int n = c.n;
        NativeFloats x = input;
        FloatPointer wQkv = c.params.at(layout.qkvWeight());
        FloatPointer wProj = c.params.at(layout.projWeight());
        // output projection: dW_o (per-thread parts), dA = dY W_o into dx's buffer
        int parts = c.parallel.parts(n, 1);
        c.parallel.split(n, 1, (part, e0, e1) -> {
            long r0 = (long) e0 * t;
            int rows = (e1 - e0) * t;
            FloatPointer dW = part == 0 ? c.grad.at(layout.projWeight()) : c.partial[part - 1].pointer();
            Blas.gemm(true, false, d, d, rows, 1f, dy.at(r0 * d), d, attended.at(r0 * d), d, 0f, dW, d);
            Blas.gemm(false, false, rows, d, d, 1f, dy.at(r0 * d), d, wProj, d, 0f, dx.at(r0 * d), d);
        });
        c.reducePartials(layout.projWeight(), d * d, parts);
        columnSums(c, dy.buffer(), n * t, d, (int) layout.projBias());
        // attention, per sequence and head, on strided views of QKV and dQKV
        c.parallel.split(n, 1, (part, e0, e1) -> {
            NativeFloats scratch = c.workspace[part];
            for (int e = e0; e < e1; e++) {
                long base = (long) e * t * ld;
                long aAt = (long) e * t * d;
                for (int h = 0; h < heads; h++) {
                    long pAt = ((long) e * heads + h) * t * t;
                    long hAt = (long) h * headWidth;
                    FloatPointer dA = dx.at(aAt + hAt);
                    // dV = Pᵀ dA
                    Blas.gemm(true, false, t, headWidth, t, 1f, probs.at(pAt), t, dA, d, 0f,
                            dQkv.at(base + 2L * d + hAt), ld);
                    // dP = dA Vᵀ
                    Blas.gemm(false, true, t, t, headWidth, 1f, dA, d, qkv.at(base + 2L * d + hAt), ld, 0f,
                            scratch.pointer(), t);
                    loops.softmaxBackwardRows(probs, (int) pAt, scratch, t, scale);
                    // dQ = dS K, dK = dSᵀ Q
                    Blas.gemm(false, false, t, headWidth, t, 1f, scratch.pointer(), t, qkv.at(base + d + hAt), ld, 0f,
                            dQkv.at(base + hAt), ld);
                    Blas.gemm(true, false, t, headWidth, t, 1f, scratch.pointer(), t, qkv.at(base + hAt), ld, 0f,
                            dQkv.at(base + d + hAt), ld);
                }
            }
        });
        // input projection: dW_qkv (per-thread parts), dX = dQKV W_qkv
        c.parallel.split(n, 1, (part, e0, e1) -> {
            long r0 = (long) e0 * t;
            int rows = (e1 - e0) * t;
            FloatPointer dW = part == 0 ? c.grad.at(layout.qkvWeight()) : c.partial[part - 1].pointer();
            Blas.gemm(true, false, ld, d, rows, 1f, dQkv.at(r0 * ld), ld, x.at(r0 * d), d, 0f, dW, d);
            if (needDx) {
                Blas.gemm(false, false, rows, d, ld, 1f, dQkv.at(r0 * ld), ld, wQkv, d, 0f, dx.at(r0 * d), d);
            }
        });
        c.reducePartials(layout.qkvWeight(), ld * d, parts);
        columnSums(c, dQkv.buffer(), n * t, ld, (int) layout.qkvBias());
        return needDx ? dx : null;
    }

    /** {@code g[offset + j] = Σ_r m[r][j]} over {@code rows} rows of width {@code w}, in double, columns split over threads. */
    private static void columnSums(Context c, FloatBuffer m, int rows, int w, int offset) {
        FloatBuffer g = c.g;
        c.parallel.range(w, 32, (j0, j1) -> {
            for (int j = j0; j < j1; j++) {
                double s = 0;
                for (int r = 0; r < rows; r++) {
                    s += m.get(r * w + j);
                }
                g.put(offset + j, (float) s);
            }
        });
    }
}
