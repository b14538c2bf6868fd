package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import java.util.Optional;
import org.bytedeco.javacpp.FloatPointer;
import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * 2-D convolution in the channel-major layout, by oneDNN's primitives when the session has oneDNN
 * ({@link DnnlConvolution}), else by im2col and one OpenBLAS {@code sgemm} per chunk of examples: with
 * {@code cols[(ci,ky,kx)][(n,oy,ox)] = x[ci][n][oy·s−p+ky][ox·s−p+kx]} (zero outside the image),
 * <pre>
 *   Y[Cout][N·Ho·Wo] = W[Cout][Cin·k·k] · cols            (+ bias per output channel)
 *   dW = dY · colsᵀ      dcols = Wᵀ · dY      dx = col2im(dcols)      db = Σ dY
 * </pre>
 * The columns are built for a chunk of examples at a time into a workspace shared by all layers
 * (sized by {@code vsam.javacpp.im2colFloats}, default 2^20 floats) and rebuilt in the backward pass
 * rather than kept. A 1×1, stride-1, unpadded convolution uses the input itself as {@code cols}.
 *
 * <p>LSQ-quantised, it convolves the integer codes ({@code W = code(w)}, {@code x = code(x)}) and
 * scales: {@code Y = (s_a·s_w)·(W·cols) + b}, {@code dŵ = s_a·(dY·colsᵀ)}, {@code dx̂ = col2im(s_w·Wᵀ·dY)};
 * the quantizers turn {@code dŵ}, {@code dx̂} into LSQ's gradients.
 */
final class Conv extends Node {

    /** Target size of one chunk's column matrix, in floats. */
    static final long CHUNK_FLOATS = Long.getLong("vsam.javacpp.im2colFloats", 1L << 20);

    private final int cin;
    private final int cout;
    private final int k;
    private final int stride;
    private final int pad;
    private final int kk;
    private final int h;
    private final int w;
    private final int ho;
    private final int wo;
    private final long weightOffset;
    private final long biasOffset;
    private final boolean direct;
    private NativeFloats y;
    private NativeFloats dx;
    private NativeFloats input;
    private final Optional<WeightQuantizer> quantizer;
    private final Optional<InputQuantizer> inputQuantizer;
    private FloatPointer weightInUse;
    /** oneDNN's primitives for this layer; null when the session convolves by im2col + sgemm. */
    private final DnnlConvolution dnnl;
    private Arena arena;

    /**
     * An LSQ-quantised layer when the quantizers are present: {@code quantizer} writes the weight codes,
     * {@code inputQuantizer} (the node before this one) the input codes; the layer computes on the codes
     * and scales its output by {@code s_a · s_w} (see {@link vsam.api.model.Quantizer}).
     */
    Conv(Layer.Conv2d layer, Shape in, long weightOffset, Optional<WeightQuantizer> quantizer,
         Optional<InputQuantizer> inputQuantizer, Optional<Dnnl> dnnl) {
        super(in, layer.outputShape(in), Layout.CHANNELS, Layout.CHANNELS);
        cin = layer.inChannels();
        cout = layer.outChannels();
        k = layer.kernel();
        stride = layer.stride();
        pad = layer.padding();
        kk = cin * k * k;
        h = in.height();
        w = in.width();
        ho = out.height();
        wo = out.width();
        this.weightOffset = weightOffset;
        this.quantizer = quantizer;
        this.inputQuantizer = inputQuantizer;
        this.biasOffset = layer.bias() ? weightOffset + (long) cout * kk : -1;
        direct = k == 1 && stride == 1 && pad == 0;
        this.dnnl = dnnl.map(d -> new DnnlConvolution(d, cin, cout, k, stride, pad, h, w, ho, wo)).orElse(null);
    }

    /** Examples per im2col chunk for a part of {@code n} examples. */
    private int chunk(int n) {
        long per = (long) kk * ho * wo;
        return (int) Math.max(1, Math.min(n, CHUNK_FLOATS / per));
    }

    @Override
    long workspace(int capacity) {
        return direct || dnnl != null ? 0 : (long) kk * ho * wo * chunk(capacity);
    }

    @Override
    long weights() {
        return (long) cout * kk;
    }

    @Override
    void reserve(int capacity, Arena arena) {
        this.arena = arena;
        arena.free(y);
        arena.free(dx);
        y = arena.floats((long) cout * capacity * ho * wo);
        dx = arena.floats((long) cin * capacity * h * w);
        quantizer.ifPresent(q -> q.reserve(arena));
    }

    @Override
    void release(Arena arena) {
        if (dnnl != null) {
            dnnl.close();
        }
        quantizer.ifPresent(q -> q.release(arena));
        arena.free(y);
        arena.free(dx);
    }

    /** {@code s_a} of the input codes, 1 when the input is not quantised. */
    private float inputScale() {
        return inputQuantizer.isPresent() ? inputQuantizer.get().scale() : 1f;
    }

    /** {@code s_w} of the weight codes, 1 when the weights are not quantised. */
    private float weightScale() {
        return quantizer.isPresent() ? quantizer.get().scale() : 1f;
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        int n = c.n;
        int ldy = n * ho * wo;
        input = x;
        var weight = quantizer.isPresent() ? quantizer.get().forward(c) : c.params.at(weightOffset);
        weightInUse = weight;
        if (Blas.PROFILE) {
            Profile.addConvFlops(2L * ldy * cout * kk);
        }
        if (dnnl != null) {
            c.parallel.splitOnOwnThreads(n, 1, (part, e0, e1) -> dnnl.forward(part, e0, e1 - e0, n, arena, x, weight, y));
        } else {
            convolveByGemm(c, x, weight);
        }
        float scale = inputScale() * weightScale();
        if (biasOffset >= 0 || scale != 1f) {
            FloatBuffer yb = y.buffer();
            FloatBuffer p = c.p;
            c.parallel.range(cout, 1, (from, to) -> {
                for (int co = from; co < to; co++) {
                    float b = biasOffset >= 0 ? p.get((int) (biasOffset + co)) : 0f;
                    int base = co * ldy;
                    for (int i = 0; i < ldy; i++) {
                        yb.put(base + i, yb.get(base + i) * scale + b);
                    }
                }
            });
        }
        return y;
    }

    /** {@code y = W · im2col(x)}, the examples split over the session's threads. */
    private void convolveByGemm(Context c, NativeFloats x, FloatPointer weight) {
        int n = c.n;
        int hwo = ho * wo;
        int ldy = n * hwo;
        int ldx = n * h * w;
        c.parallel.split(n, 1, (part, e0, e1) -> {
            if (direct) {
                Blas.gemm(false, false, cout, (e1 - e0) * hwo, cin, 1f, weight, kk,
                        x.at((long) e0 * h * w), ldx, 0f, y.at((long) e0 * hwo), ldy);
                return;
            }
            NativeFloats cols = c.workspace[part];
            int s = chunk(e1 - e0);
            for (int n0 = e0; n0 < e1; n0 += s) {
                int len = Math.min(s, e1 - n0);
                im2col(cols.buffer(), x.buffer(), n, n0, len);
                Blas.gemm(false, false, cout, len * hwo, kk, 1f, weight, kk,
                        cols.pointer(), len * hwo, 0f, y.at((long) n0 * hwo), ldy);
            }
        });
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        int n = c.n;
        int ldy = n * ho * wo;
        float inScale = inputScale();
        float wScale = weightScale();
        if (Blas.PROFILE) {
            Profile.addConvFlops((needDx ? 4L : 2L) * ldy * cout * kk);
        }
        if (dnnl != null) {
            c.parallel.splitOnOwnThreads(n, 1, (part, e0, e1) -> dnnl.backward(part, e0, e1 - e0, n, arena, dy,
                    part == 0 ? c.grad.at(weightOffset) : c.partial[part - 1].pointer(), needDx ? dx : null));
            c.reducePartials(weightOffset, cout * kk, c.parallel.parts(n, 1));
            if (inScale != 1f) {
                Blas.scale(cout * kk, inScale, c.grad.at(weightOffset));
            }
            if (needDx && wScale != 1f) {
                Blas.scale(n * cin * h * w, wScale, dx.pointer());
            }
        } else {
            backwardByGemm(c, dy, needDx, inScale, wScale);
        }
        quantizer.ifPresent(q -> q.backward(c));
        if (biasOffset >= 0) {
            FloatBuffer d = dy.buffer();
            FloatBuffer g = c.g;
            c.parallel.range(cout, 1, (from, to) -> {
                for (int co = from; co < to; co++) {
                    g.put((int) (biasOffset + co), (float) Kernels.sum(d, co * ldy, ldy));
                }
            });
        }
        return needDx ? dx : null;
    }

    /**
     * {@code dW = inScale · dY · colsᵀ} (per-thread parts folded after) and {@code dx = col2im(wScale · Wᵀ · dY)}.
     */
    private void backwardByGemm(Context c, NativeFloats dy, boolean needDx, float inScale, float wScale) {
        int n = c.n;
        int hwo = ho * wo;
        int ldy = n * hwo;
        int ldx = n * h * w;
        NativeFloats x = input;
        var weight = weightInUse;
        int parts = c.parallel.parts(n, 1);
        c.parallel.split(n, 1, (part, e0, e1) -> {
            var dW = part == 0 ? c.grad.at(weightOffset) : c.partial[part - 1].pointer();
            if (direct) {
                Blas.gemm(false, true, cout, cin, (e1 - e0) * hwo, inScale, dy.at((long) e0 * hwo), ldy,
                        x.at((long) e0 * h * w), ldx, 0f, dW, kk);
                if (needDx) {
                    Blas.gemm(true, false, cin, (e1 - e0) * h * w, cout, wScale, weight, kk,
                            dy.at((long) e0 * hwo), ldy, 0f, dx.at((long) e0 * h * w), ldx);
                }
                return;
            }
            NativeFloats cols = c.workspace[part];
            int s = chunk(e1 - e0);
            for (int n0 = e0; n0 < e1; n0 += s) {
                int len = Math.min(s, e1 - n0);
                im2col(cols.buffer(), x.buffer(), n, n0, len);
                var dyChunk = dy.at((long) n0 * hwo);
                Blas.gemm(false, true, cout, kk, len * hwo, inScale, dyChunk, ldy,
                        cols.pointer(), len * hwo, n0 == e0 ? 0f : 1f, dW, kk);
                if (needDx) {
                    Blas.gemm(true, false, kk, len * hwo, cout, wScale, weight, kk,
                            dyChunk, ldy, 0f, cols.pointer(), len * hwo);
                    col2im(cols.buffer(), n, n0, len);
                }
            }
        });
        c.reducePartials(weightOffset, cout * kk, parts);
    }

    /** {@code dx[ci][n][iy][ix] = Σ dcols[(ci,ky,kx)][(n,oy,ox)]} over the taps that read that pixel. */
    private void col2im(FloatBuffer cols, int n, int n0, int len) {
        FloatBuffer d = dx.buffer();
        int hw = h * w;
        int hwo = ho * wo;
        int cs = len * hwo;
        {
            for (int ci = 0; ci < cin; ci++) {
                int plane = ci * n * hw + n0 * hw;
                for (int i = 0; i < len * hw; i++) {
                    d.put(plane + i, 0f);
                }
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        int r = (ci * k + ky) * k + kx;
                        int lo = stride == 1 ? Math.max(0, pad - kx) : 0;
                        int hi = stride == 1 ? Math.min(wo, w + pad - kx) : 0;
                        for (int e = 0; e < len; e++) {
                            int dst = plane + e * hw;
                            int src = r * cs + e * hwo;
                            for (int oy = 0; oy < ho; oy++) {
                                int iy = oy * stride - pad + ky;
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                int row = dst + iy * w;
                                int s = src + oy * wo;
                                if (stride == 1) {
                                    int shift = row - pad + kx;
                                    for (int ox = lo; ox < hi; ox++) {
                                        d.put(shift + ox, d.get(shift + ox) + cols.get(s + ox));
                                    }
                                } else {
                                    for (int ox = 0; ox < wo; ox++) {
                                        int ix = ox * stride - pad + kx;
                                        if (ix >= 0 && ix < w) {
                                            d.put(row + ix, d.get(row + ix) + cols.get(s + ox));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private void im2col(FloatBuffer cols, FloatBuffer x, int n, int n0, int len) {
        int hw = h * w;
        int hwo = ho * wo;
        int cs = len * hwo;
        {
            for (int r = 0; r < kk; r++) {
                int ci = r / (k * k);
                int ky = (r / k) % k;
                int kx = r % k;
                int lo = stride == 1 ? Math.max(0, pad - kx) : 0;
                int hi = stride == 1 ? Math.min(wo, w + pad - kx) : 0;
                for (int e = 0; e < len; e++) {
                    int src = ci * n * hw + (n0 + e) * hw;
                    int dst = r * cs + e * hwo;
                    for (int oy = 0; oy < ho; oy++) {
                        int iy = oy * stride - pad + ky;
                        int d = dst + oy * wo;
                        if (iy < 0 || iy >= h) {
                            for (int ox = 0; ox < wo; ox++) {
                                cols.put(d + ox, 0f);
                            }
                            continue;
                        }
                        int row = src + iy * w;
                        if (stride == 1) {
                            for (int ox = 0; ox < lo; ox++) {
                                cols.put(d + ox, 0f);
                            }
                            int shift = row - pad + kx;
                            if (hi > lo) {
                                // one bulk copy per row (a memory copy, much faster than element puts)
                                cols.put(d + lo, x, shift + lo, hi - lo);
                            }
                            for (int ox = Math.max(lo, hi); ox < wo; ox++) {
                                cols.put(d + ox, 0f);
                            }
                        } else {
                            for (int ox = 0; ox < wo; ox++) {
                                int ix = ox * stride - pad + kx;
                                cols.put(d + ox, ix >= 0 && ix < w ? x.get(row + ix) : 0f);
                            }
                        }
                    }
                }
            }
        }
    }
}
