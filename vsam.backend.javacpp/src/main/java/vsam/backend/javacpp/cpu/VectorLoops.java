package vsam.backend.javacpp.cpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ElementLoops} on SIMD lanes of the JDK's incubating Vector API, over byte views of the native
 * arrays ({@code FloatVector.fromByteBuffer}, the JDK 17 form; later JDKs replaced it with memory
 * segments, so {@link ElementLoops#preferred()} uses this class only on a JDK that has it).
 *
 * <p>Element-wise results are bit-identical to {@link ScalarLoops} (the same multiplies and adds, no fused
 * multiply-add). Sums run in float lanes for {@value #BLOCK} vectors at a time and are then added into a
 * double, so no float partial sum covers more than {@value #BLOCK} elements of a lane.
 */
final class VectorLoops implements ElementLoops {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Vectors summed in float lanes before the lanes are added into a double. */
    static final int BLOCK = 64;

    private VectorLoops() {
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
                s += vs.reduceLanes(VectorOperators.ADD);
                q += vq.reduceLanes(VectorOperators.ADD);
                vs = FloatVector.zero(F);
                vq = FloatVector.zero(F);
                inBlock = 0;
            }
        }
        s += vs.reduceLanes(VectorOperators.ADD);
        q += vq.reduceLanes(VectorOperators.ADD);
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
        for (int end = from + len; i < end; i++) {
            float v = a * xb.getFloat(i * Float.BYTES) + b;
            yb.putFloat(i * Float.BYTES, relu ? Kernels.relu(v) : v);
        }
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
                s += vs.reduceLanes(VectorOperators.ADD);
                d += vd.reduceLanes(VectorOperators.ADD);
                vs = FloatVector.zero(F);
                vd = FloatVector.zero(F);
                inBlock = 0;
            }
        }
        s += vs.reduceLanes(VectorOperators.ADD);
        d += vd.reduceLanes(VectorOperators.ADD);
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
        for (int end = from + len; i < end; i++) {
            float xi = xb.getFloat(i * Float.BYTES);
            float dyi = db.getFloat(i * Float.BYTES);
            float g = gated ? Kernels.passedBy(a * xi + b, dyi) : dyi;
            ob.putFloat(i * Float.BYTES, scale * (g - meanG - (xi - mu) * k));
        }
    }

    @Override
    public void relu(NativeFloats x, NativeFloats y, int from, int len) {
        ByteBuffer xb = x.bytes();
        ByteBuffer yb = y.bytes();
        int i = from;
        for (int up = from + F.loopBound(len); i < up; i += L) {
            load(xb, i).max(0f).intoByteBuffer(yb, i * Float.BYTES, ORDER);
        }
        for (int end = from + len; i < end; i++) {
            yb.putFloat(i * Float.BYTES, Kernels.relu(xb.getFloat(i * Float.BYTES)));
        }
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
        for (int end = from + len; i < end; i++) {
            ob.putFloat(i * Float.BYTES, Kernels.passedBy(yb.getFloat(i * Float.BYTES), db.getFloat(i * Float.BYTES)));
        }
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
