package vsam.backend.javacpp.cpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ElementLoops} on SIMD lanes of the JDK's incubating Vector API, over byte views of the native
 * arrays ({@code FloatVector.fromByteBuffer}, the JDK 17 form; later JDKs replaced it with memory
 * segments, so {@link ElementLoops#preferred()} uses this class only on a JDK that has it).
 *
 * <p>Element-wise results are bit-identical to {@link ScalarLoops} (the same multiplies and adds, no fused
 * multiply-add); GELU runs {@link Erf}'s formula in float lanes, within {@code 1e-6·max(1, |y|)} of the
 * double-precision scalar form ({@code ElementLoopsTest}). Every result depends on the inputs only, not on
 * whether the JIT has compiled the loop yet: no {@code reduceLanes(ADD)} (order unspecified) and no
 * {@code EXP} operator (its intrinsic and its Java fallback round differently). Sums run in float lanes for {@value #BLOCK} vectors at a time and are then added into a
 * double, so no float partial sum covers more than {@value #BLOCK} elements of a lane.
 */
final class VectorLoops implements ElementLoops {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final float LOG2E = 1.442695041f;
    /** {@code ln 2} split so that {@code n·LN2_HIGH} is exact for the exponents here. */
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /** {@code 1.5·2²³}: adding it rounds a float of magnitude below {@code 2²²} to an integer. */
    private static final float ROUNDING = 12582912f;
    private static final int ROUNDING_BITS = Float.floatToRawIntBits(ROUNDING);
    /** Lane {@code i} of fold {@code k} reads lane {@code i xor L/2^(k+1)}. */
    private static final List<VectorShuffle<Float>> FOLDS = folds();
    /** The element-wise loops' last partial vector: the same formulas, so the same bits. */
    private static final ScalarLoops SCALAR = new ScalarLoops();
    /** Vectors summed in float lanes before the lanes are added into a double. */
    static final int BLOCK = 64;

    private VectorLoops() {
    }

    private static List<VectorShuffle<Float>> folds() {
        List<VectorShuffle<Float>> folds = new ArrayList<>();
        for (int half = L / 2; half >= 1; half /= 2) {
            int h = half;
            folds.add(VectorShuffle.fromOp(F, i -> i ^ h));
        }
        return List.copyOf(folds);
    }

    /** The lanes, or scalar loops on a JDK whose Vector API no longer reads byte buffers (19 and later). */
    static ElementLoops create() {
        return Runtime.version().feature() <= 18 ? new VectorLoops() : new ScalarLoops();
    }

    /** Floats per vector on this machine. */
    static int lanes() {
        return L;
    }

    private static FloatVector load(ByteBuffer b, int i) {
        return FloatVector.fromByteBuffer(F, b, i * Float.BYTES, ORDER);
    }

    @Override
    public void shiftedSums(NativeFloats x, int from, int len, float c, double[] out) {
        ByteBuffer b = x.bytes();
        double s = 0;
        double q = 0;
        FloatVector vs = FloatVector.zero(F);
        FloatVector vq = FloatVector.zero(F);
        int inBlock = 0;
        int i = from;
        for (int up = from + F.loopBound(len); i < up; i += L) {
            FloatVector v = load(b, i).sub(c);
            vs = vs.add(v);
            vq = v.fma(v, vq);
            if (++inBlock == BLOCK) {
                s += sum(vs);
                q += sum(vq);
                vs = FloatVector.zero(F);
                vq = FloatVector.zero(F);
                inBlock = 0;
            }
        }
        s += sum(vs);
        q += sum(vq);
        for (int end = from + len; i < end; i++) {
            double v = b.getFloat(i * Float.BYTES) - c;
            s += v;
            q += v * v;
        }
        out[0] = s;
        out[1] = q;
    }

    @Override
    public void affine(NativeFloats x, NativeFloats y, int from, int len, float a, float b, boolean relu) {
        ByteBuffer xb = x.bytes();
        ByteBuffer yb = y.bytes();
        int i = from;
        for (int up = from + F.loopBound(len); i < up; i += L) {
            FloatVector v = load(xb, i).mul(a).add(b);
            (relu ? v.max(0f) : v).intoByteBuffer(yb, i * Float.BYTES, ORDER);
        }
        SCALAR.affine(x, y, i, from + len - i, a, b, relu);
    }

    @Override
    public void gatedSums(NativeFloats dy, NativeFloats x, boolean gated, float a, float b, float center, int from,
                          int len, double[] out) {
        ByteBuffer db = dy.bytes();
        ByteBuffer xb = x.bytes();
        double s = 0;
        double d = 0;
        FloatVector vs = FloatVector.zero(F);
        FloatVector vd = FloatVector.zero(F);
        int inBlock = 0;
        int i = from;
        for (int up = from + F.loopBound(len); i < up; i += L) {
            FloatVector xv = load(xb, i);
            FloatVector g = gate(load(db, i), xv, gated, a, b);
            vs = vs.add(g);
            vd = g.fma(xv.sub(center), vd);
            if (++inBlock == BLOCK) {
                s += sum(vs);
                d += sum(vd);
                vs = FloatVector.zero(F);
                vd = FloatVector.zero(F);
                inBlock = 0;
            }
        }
        s += sum(vs);
        d += sum(vd);
        for (int end = from + len; i < end; i++) {
            float xi = xb.getFloat(i * Float.BYTES);
            float dyi = db.getFloat(i * Float.BYTES);
            double g = gated ? Kernels.passedBy(a * xi + b, dyi) : dyi;
            s += g;
            d += g * (xi - center);
        }
        out[0] = s;
        out[1] = d;
    }

    @Override
    public void batchNormDx(NativeFloats x, NativeFloats dy, NativeFloats dx, int from, int len, boolean gated, float a,
                            float b, float mu, float k, float scale, float meanG) {
        ByteBuffer xb = x.bytes();
        ByteBuffer db = dy.bytes();
        ByteBuffer ob = dx.bytes();
        int i = from;
        for (int up = from + F.loopBound(len); i < up; i += L) {
            FloatVector xv = load(xb, i);
            FloatVector g = gate(load(db, i), xv, gated, a, b);
            g.sub(meanG).sub(xv.sub(mu).mul(k)).mul(scale).intoByteBuffer(ob, i * Float.BYTES, ORDER);
        }
        SCALAR.batchNormDx(x, dy, dx, i, from + len - i, gated, a, b, mu, k, scale, meanG);
    }

    @Override
    public void relu(NativeFloats x, NativeFloats y, int from, int len) {
        ByteBuffer xb = x.bytes();
        ByteBuffer yb = y.bytes();
        int i = from;
        for (int up = from + F.loopBound(len); i < up; i += L) {
            load(xb, i).max(0f).intoByteBuffer(yb, i * Float.BYTES, ORDER);
        }
        SCALAR.relu(x, y, i, from + len - i);
    }

    @Override
    public void reluBackward(NativeFloats y, NativeFloats dy, NativeFloats dx, int from, int len) {
        ByteBuffer yb = y.bytes();
        ByteBuffer db = dy.bytes();
        ByteBuffer ob = dx.bytes();
        int i = from;
        for (int up = from + F.loopBound(len); i < up; i += L) {
            VectorMask<Float> open = load(yb, i).compare(VectorOperators.GT, 0f);
            FloatVector.zero(F).blend(load(db, i), open).intoByteBuffer(ob, i * Float.BYTES, ORDER);
        }
        SCALAR.reluBackward(y, dy, dx, i, from + len - i);
    }

    @Override
    public void gelu(NativeFloats x, NativeFloats y, int from, int len) {
        ByteBuffer xb = x.bytes();
        ByteBuffer yb = y.bytes();
        int i = from;
        for (int up = from + F.loopBound(len); i < up; i += L) {
            FloatVector v = load(xb, i);
            phi(v, halfGaussian(v)).mul(v).intoByteBuffer(yb, i * Float.BYTES, ORDER);
        }
        SCALAR.gelu(x, y, i, from + len - i);
    }

    @Override
    public void geluBackward(NativeFloats x, NativeFloats dy, NativeFloats dx, int from, int len) {
        ByteBuffer xb = x.bytes();
        ByteBuffer db = dy.bytes();
        ByteBuffer ob = dx.bytes();
        int i = from;
        for (int up = from + F.loopBound(len); i < up; i += L) {
            FloatVector v = load(xb, i);
            FloatVector e = halfGaussian(v);
            FloatVector slope = phi(v, e).add(v.mul(e).mul((float) Erf.INV_SQRT_2PI));
            load(db, i).mul(slope).intoByteBuffer(ob, i * Float.BYTES, ORDER);
        }
        SCALAR.geluBackward(x, dy, dx, i, from + len - i);
    }

    @Override
    public void layerNormForward(NativeFloats x, NativeFloats y, NativeFloats stats, NativeFloats params, int gamma,
                                 int d, float eps, int r0, int r1) {
        ByteBuffer xb = x.bytes();
        ByteBuffer yb = y.bytes();
        ByteBuffer sb = stats.bytes();
        ByteBuffer p = params.bytes();
        int beta = gamma + d;
        int body = F.loopBound(d);
        for (int r = r0; r < r1; r++) {
            int at = r * d;
            FloatVector acc = FloatVector.zero(F);
            for (int j = 0; j < body; j += L) {
                acc = acc.add(load(xb, at + j));
            }
            double s = sum(acc);
            for (int j = body; j < d; j++) {
                s += xb.getFloat((at + j) * Float.BYTES);
            }
            float mean = (float) (s / d);
            FloatVector sq = FloatVector.zero(F);
            for (int j = 0; j < body; j += L) {
                FloatVector v = load(xb, at + j).sub(mean);
                sq = v.fma(v, sq);
            }
            double q = sum(sq);
            for (int j = body; j < d; j++) {
                double v = xb.getFloat((at + j) * Float.BYTES) - mean;
                q += v * v;
            }
            float rstd = (float) (1 / Math.sqrt(q / d + eps));
            sb.putFloat(2 * r * Float.BYTES, mean);
            sb.putFloat((2 * r + 1) * Float.BYTES, rstd);
            for (int j = 0; j < body; j += L) {
                FloatVector xh = load(xb, at + j).sub(mean).mul(rstd);
                load(p, gamma + j).mul(xh).add(load(p, beta + j)).intoByteBuffer(yb, (at + j) * Float.BYTES, ORDER);
            }
            for (int j = body; j < d; j++) {
                float xh = (xb.getFloat((at + j) * Float.BYTES) - mean) * rstd;
                yb.putFloat((at + j) * Float.BYTES,
                        p.getFloat((gamma + j) * Float.BYTES) * xh + p.getFloat((beta + j) * Float.BYTES));
            }
        }
    }

    @Override
    public void layerNormBackward(NativeFloats x, NativeFloats dy, NativeFloats dx, NativeFloats stats,
                                  NativeFloats params, int gamma, int d, NativeFloats grad, int g0, int r0, int r1) {
        ByteBuffer xb = x.bytes();
        ByteBuffer db = dy.bytes();
        ByteBuffer sb = stats.bytes();
        ByteBuffer p = params.bytes();
        ByteBuffer gb = grad.bytes();
        int body = F.loopBound(d);
        for (int r = r0; r < r1; r++) {
            int at = r * d;
            float mean = sb.getFloat(2 * r * Float.BYTES);
            float rstd = sb.getFloat((2 * r + 1) * Float.BYTES);
            FloatVector vg = FloatVector.zero(F);
            FloatVector vgx = FloatVector.zero(F);
            for (int j = 0; j < body; j += L) {
                FloatVector xh = load(xb, at + j).sub(mean).mul(rstd);
                FloatVector dyj = load(db, at + j);
                FloatVector g = load(p, gamma + j).mul(dyj);
                vg = vg.add(g);
                vgx = g.fma(xh, vgx);
                load(gb, g0 + j).add(dyj.mul(xh)).intoByteBuffer(gb, (g0 + j) * Float.BYTES, ORDER);
                load(gb, g0 + d + j).add(dyj).intoByteBuffer(gb, (g0 + d + j) * Float.BYTES, ORDER);
            }
            double sumG = sum(vg);
            double sumGx = sum(vgx);
            for (int j = body; j < d; j++) {
                float xh = (xb.getFloat((at + j) * Float.BYTES) - mean) * rstd;
                float dyj = db.getFloat((at + j) * Float.BYTES);
                float g = p.getFloat((gamma + j) * Float.BYTES) * dyj;
                sumG += g;
                sumGx += g * xh;
                int gi = (g0 + j) * Float.BYTES;
                int bi = (g0 + d + j) * Float.BYTES;
                gb.putFloat(gi, gb.getFloat(gi) + dyj * xh);
                gb.putFloat(bi, gb.getFloat(bi) + dyj);
            }
            if (dx != null) {
                ByteBuffer xd = dx.bytes();
                float meanG = (float) (sumG / d);
                float meanGx = (float) (sumGx / d);
                for (int j = 0; j < body; j += L) {
                    FloatVector xh = load(xb, at + j).sub(mean).mul(rstd);
                    FloatVector g = load(p, gamma + j).mul(load(db, at + j));
                    g.sub(meanG).sub(xh.mul(meanGx)).mul(rstd).intoByteBuffer(xd, (at + j) * Float.BYTES, ORDER);
                }
                for (int j = body; j < d; j++) {
                    float xh = (xb.getFloat((at + j) * Float.BYTES) - mean) * rstd;
                    float g = p.getFloat((gamma + j) * Float.BYTES) * db.getFloat((at + j) * Float.BYTES);
                    xd.putFloat((at + j) * Float.BYTES, rstd * (g - meanG - xh * meanGx));
                }
            }
        }
    }

    @Override
    public void softmaxRows(NativeFloats probs, int at, int t) {
        ByteBuffer b = probs.bytes();
        int body = F.loopBound(t);
        for (int i = 0; i < t; i++) {
            int row = at + i * t;
            FloatVector vmax = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < body; j += L) {
                vmax = vmax.max(load(b, row + j));
            }
            float max = vmax.reduceLanes(VectorOperators.MAX);
            for (int j = body; j < t; j++) {
                max = Math.max(max, b.getFloat((row + j) * Float.BYTES));
            }
            FloatVector vz = FloatVector.zero(F);
            for (int j = 0; j < body; j += L) {
                FloatVector e = expOfNonPositive(load(b, row + j).sub(max));
                e.intoByteBuffer(b, (row + j) * Float.BYTES, ORDER);
                vz = vz.add(e);
            }
            double z = sum(vz);
            for (int j = body; j < t; j++) {
                float e = (float) Math.exp(b.getFloat((row + j) * Float.BYTES) - max);
                b.putFloat((row + j) * Float.BYTES, e);
                z += e;
            }
            float inv = (float) (1 / z);
            for (int j = 0; j < body; j += L) {
                load(b, row + j).mul(inv).intoByteBuffer(b, (row + j) * Float.BYTES, ORDER);
            }
            for (int j = body; j < t; j++) {
                b.putFloat((row + j) * Float.BYTES, b.getFloat((row + j) * Float.BYTES) * inv);
            }
        }
    }

    @Override
    public void softmaxBackwardRows(NativeFloats probs, int pAt, NativeFloats ds, int t, float scale) {
        ByteBuffer pb = probs.bytes();
        ByteBuffer db = ds.bytes();
        int body = F.loopBound(t);
        for (int i = 0; i < t; i++) {
            int row = i * t;
            FloatVector vdot = FloatVector.zero(F);
            for (int j = 0; j < body; j += L) {
                vdot = load(db, row + j).fma(load(pb, pAt + row + j), vdot);
            }
            double dot = sum(vdot);
            for (int j = body; j < t; j++) {
                dot += (double) db.getFloat((row + j) * Float.BYTES) * pb.getFloat((pAt + row + j) * Float.BYTES);
            }
            float dotF = (float) dot;
            for (int j = 0; j < body; j += L) {
                load(pb, pAt + row + j).mul(load(db, row + j).sub(dotF)).mul(scale)
                        .intoByteBuffer(db, (row + j) * Float.BYTES, ORDER);
            }
            for (int j = body; j < t; j++) {
                int k = (row + j) * Float.BYTES;
                db.putFloat(k, pb.getFloat((pAt + row + j) * Float.BYTES) * (db.getFloat(k) - dotF) * scale);
            }
        }
    }

    /**
     * Each output row in chunks of 4 outputs (8 floats of each input row, 256-bit vectors), the rest one at a
     * time: the even and odd columns of a chunk are the low and high halves of its 64-bit lanes, taken apart by
     * narrowing those lanes to ints; the window's first maximum by blends on the ordered keys, as in
     * {@link ScalarLoops#pool2Row}. (The species are static constants: the JIT compiles vector code only for
     * species it can see as constants, and boxed every vector when they were fields of an object.)
     */
    @Override
    public void maxPool2(NativeFloats x, NativeFloats y, int[] idx, int from, int to, int h, int w, int ho, int wo) {
        ByteBuffer xb = x.bytes();
        ByteBuffer yb = y.bytes();
        FloatBuffer xf = x.buffer();
        FloatBuffer yf = y.buffer();
        int chunk = POOL_FLOATS.length() / 2;
        for (int plane = from; plane < to; plane++) {
            int src = plane * h * w;
            int dst = plane * ho * wo;
            for (int oy = 0; oy < ho; oy++) {
                int top = src + 2 * oy * w;
                int out = dst + oy * wo;
                int ox = 0;
                for (; ox + chunk <= wo; ox += chunk) {
                    pool2Chunk(xb, yb, idx, top + 2 * ox, w, out + ox);
                }
                ScalarLoops.pool2Row(xf, yf, idx, top, w, out, ox, wo);
            }
        }
    }

    private static final VectorSpecies<Float> POOL_FLOATS = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> POOL_INTS = IntVector.SPECIES_128;
    /** {@code 0, 2, 4, 6}: each output's top-left input, from the chunk's first. */
    private static final IntVector EVEN_COLUMNS = IntVector.zero(POOL_INTS).addIndex(2);

    /** Four outputs at {@code out} from the windows whose top-left corners are {@code at, at+2, at+4, at+6}. */
    private static void pool2Chunk(ByteBuffer xb, ByteBuffer yb, int[] idx, int at, int w, int out) {
        LongVector upper = FloatVector.fromByteBuffer(POOL_FLOATS, xb, at * Float.BYTES, ORDER).reinterpretAsLongs();
        LongVector lower = FloatVector.fromByteBuffer(POOL_FLOATS, xb, (at + w) * Float.BYTES, ORDER).reinterpretAsLongs();
        IntVector bits = lowHalves(upper);
        IntVector max = orderedKeys(bits);
        IntVector offset = IntVector.zero(POOL_INTS);
        // the three other corners in scan order, each taken only when strictly larger (the first maximum wins)
        IntVector next = lowHalves(upper.lanewise(VectorOperators.LSHR, 32));
        IntVector candidate = orderedKeys(next);
        VectorMask<Integer> more = candidate.compare(VectorOperators.GT, max);
        bits = bits.blend(next, more);
        max = max.blend(candidate, more);
        offset = offset.blend(1, more);
        next = lowHalves(lower);
        candidate = orderedKeys(next);
        more = candidate.compare(VectorOperators.GT, max);
        bits = bits.blend(next, more);
        max = max.blend(candidate, more);
        offset = offset.blend(w, more);
        next = lowHalves(lower.lanewise(VectorOperators.LSHR, 32));
        more = orderedKeys(next).compare(VectorOperators.GT, max);
        bits = bits.blend(next, more);
        offset = offset.blend(w + 1, more);
        bits.intoByteBuffer(yb, out * Float.BYTES, ORDER);
        EVEN_COLUMNS.add(at).add(offset).intoArray(idx, out);
    }

    /** The low 32 bits of each 64-bit lane. */
    private static IntVector lowHalves(LongVector pairs) {
        return (IntVector) pairs.convertShape(VectorOperators.L2I, POOL_INTS, 0);
    }

    /** {@link Kernels#orderedKey} lane-wise. */
    private static IntVector orderedKeys(IntVector bits) {
        return bits.lanewise(VectorOperators.XOR, bits.lanewise(VectorOperators.ASHR, 31).and(0x7fffffff));
    }

    /** {@code e^(−v²/2)}. */
    private static FloatVector halfGaussian(FloatVector v) {
        return expOfNonPositive(v.mul(v).mul(-0.5f));
    }

    /**
     * {@code e^z} for {@code z ≤ 0} in lane arithmetic only (the Vector API's own {@code EXP} gives other bits
     * once the JIT swaps its Java fallback for the intrinsic): {@code z = n·ln 2 + r} with {@code n} rounded
     * to nearest by adding {@code 1.5·2²³}, {@code |r| ≤ ln2/2}, {@code e^r} by its Taylor series to
     * {@code r⁶/720} (remainder below {@code 6e-8} relative), {@code 2ⁿ} built in the exponent bits;
     * {@code z < −87} gives 0.
     */
    private static FloatVector expOfNonPositive(FloatVector z) {
        VectorMask<Float> underflow = z.compare(VectorOperators.LT, -87f);
        FloatVector clamped = z.max(-87f);
        FloatVector shifted = clamped.mul(LOG2E).add(ROUNDING);
        FloatVector n = shifted.sub(ROUNDING);
        FloatVector r = clamped.sub(n.mul(LN2_HIGH)).sub(n.mul(LN2_LOW));
        FloatVector series = r.mul(1f / 720).add(1f / 120).mul(r).add(1f / 24).mul(r).add(1f / 6).mul(r).add(0.5f)
                .mul(r).add(1f).mul(r).add(1f);
        IntVector exponent = shifted.reinterpretAsInts().sub(ROUNDING_BITS).add(127).lanewise(VectorOperators.LSHL, 23);
        return series.mul(exponent.reinterpretAsFloats()).blend(0f, underflow);
    }

    /**
     * {@code Σ lanes} in a fixed order (a butterfly of lane-wise adds), the same bits whether the JIT runs the
     * Vector API's Java fallback or its intrinsics; {@code reduceLanes(ADD)} leaves the order open.
     */
    private static float sum(FloatVector v) {
        FloatVector s = v;
        for (VectorShuffle<Float> fold : FOLDS) {
            s = s.add(s.rearrange(fold));
        }
        return s.lane(0);
    }

    /** {@code Φ(v) = (1 + erf(v/√2))/2} by {@link Erf}'s formula, given {@code e = e^(−v²/2)}. */
    private static FloatVector phi(FloatVector v, FloatVector e) {
        FloatVector a = v.abs().mul((float) Erf.INV_SQRT2);
        FloatVector t = FloatVector.broadcast(F, 1f).div(a.mul((float) Erf.P).add(1f));
        FloatVector series = t.mul((float) Erf.A5).add((float) Erf.A4).mul(t).add((float) Erf.A3).mul(t)
                .add((float) Erf.A2).mul(t).add((float) Erf.A1).mul(t);
        FloatVector erfAbs = FloatVector.broadcast(F, 1f).sub(series.mul(e));
        FloatVector erf = erfAbs.blend(erfAbs.neg(), v.compare(VectorOperators.LT, 0f));
        return erf.add(1f).mul(0.5f);
    }

    /** {@code dy} where {@code a·x + b > 0} (lanes elsewhere 0) when {@code gated}, else {@code dy}. */
    private static FloatVector gate(FloatVector dy, FloatVector x, boolean gated, float a, float b) {
        if (!gated) {
            return dy;
        }
        VectorMask<Float> open = x.mul(a).add(b).compare(VectorOperators.GT, 0f);
        return FloatVector.zero(F).blend(dy, open);
    }
}
