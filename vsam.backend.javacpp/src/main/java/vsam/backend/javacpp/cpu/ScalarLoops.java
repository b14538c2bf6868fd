package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;

/**
 * {@link ElementLoops} one element at a time on the {@code FloatBuffer} views, for JVMs without
 * {@code jdk.incubator.vector} (a class-path launch that does not add it); sums in double with four
 * partial sums each, so consecutive additions do not wait for one another.
 */
final class ScalarLoops implements ElementLoops {

    @Override
    public void shiftedSums(NativeFloats x, int from, int len, float c, double[] out) {
        FloatBuffer b = x.buffer();
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int i = from;
        int end = from + len;
        for (; i + 3 < end; i += 4) {
            double v0 = b.get(i) - c;
            double v1 = b.get(i + 1) - c;
            double v2 = b.get(i + 2) - c;
            double v3 = b.get(i + 3) - c;
            s0 += v0;
            s1 += v1;
            s2 += v2;
            s3 += v3;
            q0 += v0 * v0;
            q1 += v1 * v1;
            q2 += v2 * v2;
            q3 += v3 * v3;
        }
        for (; i < end; i++) {
            double v = b.get(i) - c;
            s0 += v;
            q0 += v * v;
        }
        out[0] = (s0 + s1) + (s2 + s3);
        out[1] = (q0 + q1) + (q2 + q3);
    }

    @Override
    public void affine(NativeFloats x, NativeFloats y, int from, int len, float a, float b, boolean relu) {
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = y.buffer();
        int end = from + len;
        if (relu) {
            for (int i = from; i < end; i++) {
                yb.put(i, Kernels.relu(a * xb.get(i) + b));
            }
        } else {
            for (int i = from; i < end; i++) {
                yb.put(i, a * xb.get(i) + b);
            }
        }
    }

    @Override
    public void gatedSums(NativeFloats dy, NativeFloats x, boolean gated, float a, float b, float center, int from,
                          int len, double[] out) {
        FloatBuffer db = dy.buffer();
        FloatBuffer xb = x.buffer();
        double s0 = 0;
        double s1 = 0;
        double d0 = 0;
        double d1 = 0;
        int i = from;
        int end = from + len;
        for (; i + 1 < end; i += 2) {
            float x0 = xb.get(i);
            float x1 = xb.get(i + 1);
            double g0 = gated ? Kernels.passedBy(a * x0 + b, db.get(i)) : db.get(i);
            double g1 = gated ? Kernels.passedBy(a * x1 + b, db.get(i + 1)) : db.get(i + 1);
            s0 += g0;
            s1 += g1;
            d0 += g0 * (x0 - center);
            d1 += g1 * (x1 - center);
        }
        for (; i < end; i++) {
            float x0 = xb.get(i);
            double g0 = gated ? Kernels.passedBy(a * x0 + b, db.get(i)) : db.get(i);
            s0 += g0;
            d0 += g0 * (x0 - center);
        }
        out[0] = s0 + s1;
        out[1] = d0 + d1;
    }

    @Override
    public void batchNormDx(NativeFloats x, NativeFloats dy, NativeFloats dx, int from, int len, boolean gated, float a,
                            float b, float mu, float k, float scale, float meanG) {
        FloatBuffer xb = x.buffer();
        FloatBuffer db = dy.buffer();
        FloatBuffer dxb = dx.buffer();
        int end = from + len;
        for (int i = from; i < end; i++) {
            float xi = xb.get(i);
            float g = gated ? Kernels.passedBy(a * xi + b, db.get(i)) : db.get(i);
            dxb.put(i, scale * (g - meanG - (xi - mu) * k));
        }
    }

    @Override
    public void relu(NativeFloats x, NativeFloats y, int from, int len) {
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = y.buffer();
        for (int i = from; i < from + len; i++) {
            yb.put(i, Kernels.relu(xb.get(i)));
        }
    }

    @Override
    public void reluBackward(NativeFloats y, NativeFloats dy, NativeFloats dx, int from, int len) {
        FloatBuffer yb = y.buffer();
        FloatBuffer db = dy.buffer();
        FloatBuffer ob = dx.buffer();
        for (int i = from; i < from + len; i++) {
            ob.put(i, Kernels.passedBy(yb.get(i), db.get(i)));
        }
    }

    @Override
    public void gelu(NativeFloats x, NativeFloats y, int from, int len) {
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = y.buffer();
        for (int i = from; i < from + len; i++) {
            yb.put(i, Erf.gelu(xb.get(i)));
        }
    }

    @Override
    public void geluBackward(NativeFloats x, NativeFloats dy, NativeFloats dx, int from, int len) {
        FloatBuffer xb = x.buffer();
        FloatBuffer db = dy.buffer();
        FloatBuffer ob = dx.buffer();
        for (int i = from; i < from + len; i++) {
            ob.put(i, db.get(i) * Erf.geluDerivative(xb.get(i)));
        }
    }

    @Override
    public void layerNormForward(NativeFloats x, NativeFloats y, NativeFloats stats, NativeFloats params, int gamma,
                                 int d, float eps, int r0, int r1) {
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = y.buffer();
        FloatBuffer sb = stats.buffer();
        FloatBuffer p = params.buffer();
        int beta = gamma + d;
        for (int r = r0; r < r1; r++) {
            int at = r * d;
            float mean = (float) (Kernels.sum(xb, at, d) / d);
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
    }

    @Override
    public void layerNormBackward(NativeFloats x, NativeFloats dy, NativeFloats dx, NativeFloats stats,
                                  NativeFloats params, int gamma, int d, NativeFloats grad, int g0, int r0, int r1) {
        FloatBuffer xb = x.buffer();
        FloatBuffer db = dy.buffer();
        FloatBuffer sb = stats.buffer();
        FloatBuffer p = params.buffer();
        FloatBuffer gb = grad.buffer();
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
            if (dx != null) {
                FloatBuffer xd = dx.buffer();
                float meanG = (float) (sumG / d);
                float meanGx = (float) (sumGx / d);
                for (int j = 0; j < d; j++) {
                    float xh = (xb.get(at + j) - mean) * rstd;
                    float g = p.get(gamma + j) * db.get(at + j);
                    xd.put(at + j, rstd * (g - meanG - xh * meanGx));
                }
            }
        }
    }

    @Override
    public void softmaxRows(NativeFloats probs, int at, int t) {
        FloatBuffer b = probs.buffer();
        for (int i = 0; i < t; i++) {
            int row = at + i * t;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < t; j++) {
                max = Math.max(max, b.get(row + j));
            }
            double z = 0;
            for (int j = 0; j < t; j++) {
                float v = (float) Math.exp(b.get(row + j) - max);
                b.put(row + j, v);
                z += v;
            }
            float inv = (float) (1 / z);
            for (int j = 0; j < t; j++) {
                b.put(row + j, b.get(row + j) * inv);
            }
        }
    }

    @Override
    public void softmaxBackwardRows(NativeFloats probs, int pAt, NativeFloats ds, int t, float scale) {
        FloatBuffer pb = probs.buffer();
        FloatBuffer db = ds.buffer();
        for (int i = 0; i < t; i++) {
            int row = i * t;
            double dot = 0;
            for (int j = 0; j < t; j++) {
                dot += (double) db.get(row + j) * pb.get(pAt + row + j);
            }
            float dotF = (float) dot;
            for (int j = 0; j < t; j++) {
                db.put(row + j, pb.get(pAt + row + j) * (db.get(row + j) - dotF) * scale);
            }
        }
    }

    /** The window unrolled: four loads and three conditional moves on the ordered keys. */
    @Override
    public void maxPool2(NativeFloats x, NativeFloats y, int[] idx, int from, int to, int h, int w, int ho, int wo) {
        FloatBuffer xb = x.buffer();
        FloatBuffer yb = y.buffer();
        for (int plane = from; plane < to; plane++) {
            int src = plane * h * w;
            int dst = plane * ho * wo;
            for (int oy = 0; oy < ho; oy++) {
                pool2Row(xb, yb, idx, src + 2 * oy * w, w, dst + oy * wo, 0, wo);
            }
        }
    }

    /** Outputs {@code [ox0, ox1)} of one output row: inputs from {@code top} (and {@code top + w} below), outputs from {@code out}. */
    static void pool2Row(FloatBuffer xb, FloatBuffer yb, int[] idx, int top, int w, int out, int ox0, int ox1) {
        for (int ox = ox0; ox < ox1; ox++) {
            int at = top + 2 * ox;
            int best = at;
            int max = Kernels.orderedKey(xb.get(at));
            int v = Kernels.orderedKey(xb.get(at + 1));
            best = v > max ? at + 1 : best;
            max = Math.max(v, max);
            int below = at + w;
            v = Kernels.orderedKey(xb.get(below));
            best = v > max ? below : best;
            max = Math.max(v, max);
            v = Kernels.orderedKey(xb.get(below + 1));
            best = v > max ? below + 1 : best;
            yb.put(out + ox, xb.get(best));
            idx[out + ox] = best;
        }
    }
}
