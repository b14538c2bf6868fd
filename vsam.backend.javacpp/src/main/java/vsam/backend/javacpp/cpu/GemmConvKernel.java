package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The {@link ConvKernel} by im2col and one OpenBLAS {@code sgemm} per chunk of examples: with
 * {@code cols[(ci,ky,kx)][(n,oy,ox)] = x[ci][n][oy·s−p+ky][ox·s−p+kx]} (zero outside the image),
 * <pre>
 *   Y[Cout][N·Ho·Wo] = W[Cout][Cin·k·k] · cols
 *   dW = dY · colsᵀ      dcols = Wᵀ · dY      dx = col2im(dcols)
 * </pre>
 * The columns are built for a chunk of examples at a time into the workspace shared by all layers
 * (sized by {@code vsam.javacpp.im2colFloats}, default 2^20 floats) and rebuilt in the backward pass
 * rather than kept. A 1×1, stride-1, unpadded convolution uses the input itself as {@code cols} and needs
 * no workspace. The examples are split over the session's threads; parts after the first write their
 * weight gradient into {@link Context#partial}, folded in afterwards.
 */
final class GemmConvKernel implements ConvKernel {

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
    /** Whether the input is its own column matrix (1×1 kernel, stride 1, no padding). */
    private final boolean direct;

    GemmConvKernel(ConvGeometry g) {
        cin = g.cin();
        cout = g.cout();
        k = g.k();
        stride = g.stride();
        pad = g.pad();
        kk = g.kk();
        h = g.h();
        w = g.w();
        ho = g.ho();
        wo = g.wo();
        direct = k == 1 && stride == 1 && pad == 0;
    }

    /** Examples per im2col chunk for a part of {@code n} examples. */
    private int chunk(int n) {
        long per = (long) kk * ho * wo;
        return (int) Math.max(1, Math.min(n, CHUNK_FLOATS / per));
    }

    @Override
    public long workspace(int capacity) {
        return direct ? 0 : (long) kk * ho * wo * chunk(capacity);
    }

    /** {@code y = W · im2col(x)}, the examples split over the session's threads. */
    @Override
    public void forward(Context c, Arena arena, NativeFloats x, FloatPointer weight, NativeFloats y) {
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

    /**
     * {@code dW = inScale · dY · colsᵀ} (per-thread parts folded after) and {@code dx = col2im(wScale · Wᵀ · dY)}.
     */
    @Override
    public void backward(Context c, Arena arena, NativeFloats x, FloatPointer weight, NativeFloats dy, long weightOffset,
                         float inScale, float wScale, NativeFloats dx) {
        int n = c.n;
        int hwo = ho * wo;
        int ldy = n * hwo;
        int ldx = n * h * w;
        boolean needDx = dx != null;
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
                    col2im(cols.buffer(), dx.buffer(), n, n0, len);
                }
            }
        });
        c.reducePartials(weightOffset, cout * kk, parts);
    }

    @Override
    public void release() {
        // holds nothing: the columns live in the network's shared workspace
    }

    /** {@code dx[ci][n][iy][ix] = Σ dcols[(ci,ky,kx)][(n,oy,ox)]} over the taps that read that pixel. */
    private void col2im(FloatBuffer cols, FloatBuffer d, int n, int n0, int len) {
        int hw = h * w;
        int hwo = ho * wo;
        int cs = len * hwo;
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

    /** {@code cols[(ci,ky,kx)][(e,oy,ox)]} for examples {@code [n0, n0+len)} of {@code n}. */
    private void im2col(FloatBuffer cols, FloatBuffer x, int n, int n0, int len) {
        int hw = h * w;
        int hwo = ho * wo;
        int cs = len * hwo;
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
