package vsam.backend.javacpp.cpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The streaming loops of BatchNorm (with its fused ReLU) and 2×2 max pooling on the {@link Node.Layout#BLOCKED}
 * layout, {@code [N][C/16][H][W][16]}, on SIMD lanes. Each example's channel block {@code cb} is one run of
 * {@code hw} pixels of 16 channels, so lane {@code l} of the vector at float {@code j} of a pixel is channel
 * {@code 16·cb + j + l}, and per-channel parameters ({@code a}, {@code b}, {@code μ}, …) are loaded once per run
 * as vectors. The formulas are {@link ElementLoops}'; every method covers examples {@code [e0, e1)} of an
 * activation with {@code ch} channels (a multiple of 16) and adds its sums into the caller's per-channel arrays,
 * so a caller can split the batch over threads and add the parts in a fixed order.
 *
 * <p>Used only where {@link ElementLoops#simd()} holds (the same JDK condition as {@link VectorLoops}); the
 * network is compiled channel-major otherwise. Sums run in float lanes for {@value VectorLoops#BLOCK} pixels
 * and are then added into doubles, as in {@link VectorLoops}.
 */
final class BlockedLoops {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final int B = Node.Layout.BLOCK;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private BlockedLoops() {
    }

    /** Whether these loops run on this machine's lanes: a lane count that divides the block of 16 channels. */
    static boolean usable() {
        return ElementLoops.simd() && B % L == 0 && I.length() == L;
    }

    private static FloatVector load(ByteBuffer b, int i) {
        return FloatVector.fromByteBuffer(F, b, i * Float.BYTES, ORDER);
    }

    /** Adds lane {@code l} of {@code v} to {@code into[at + l]}. */
    private static void addLanes(FloatVector v, float[] scratch, double[] into, int at) {
        v.intoArray(scratch, 0);
        for (int l = 0; l < L; l++) {
            into[at + l] += scratch[l];
        }
    }

    /** Adds {@code Σ (x − shift_c)} and {@code Σ (x − shift_c)²} of each channel to {@code sums[c]}, {@code squares[c]}. */
    static void shiftedSums(NativeFloats x, int e0, int e1, int ch, int hw, float[] shift, double[] sums,
                            double[] squares) {
        ByteBuffer xb = x.bytes();
        float[] scratch = new float[L];
        int blocks = ch / B;
        for (int e = e0; e < e1; e++) {
            for (int cb = 0; cb < blocks; cb++) {
                int run = (e * blocks + cb) * hw * B;
                for (int j = 0; j < B; j += L) {
                    int c0 = cb * B + j;
                    FloatVector center = FloatVector.fromArray(F, shift, c0);
                    for (int p0 = 0; p0 < hw; p0 += VectorLoops.BLOCK) {
                        FloatVector vs = FloatVector.zero(F);
                        FloatVector vq = FloatVector.zero(F);
                        for (int p = p0, end = Math.min(hw, p0 + VectorLoops.BLOCK); p < end; p++) {
                            FloatVector v = load(xb, run + p * B + j).sub(center);
                            vs = vs.add(v);
                            vq = v.fma(v, vq);
                        }
                        addLanes(vs, scratch, sums, c0);
                        addLanes(vq, scratch, squares, c0);
                    }
                }
            }
        }
    }

    /** {@code y = a_c·x + b_c} (two roundings), then {@code max(·, 0)} when {@code relu}. */
    static void affine(NativeFloats x, NativeFloats y, int e0, int e1, int ch, int hw, float[] a, float[] b,
                       boolean relu) {
        ByteBuffer xb = x.bytes();
        ByteBuffer yb = y.bytes();
        int blocks = ch / B;
        for (int e = e0; e < e1; e++) {
            for (int cb = 0; cb < blocks; cb++) {
                int run = (e * blocks + cb) * hw * B;
                for (int j = 0; j < B; j += L) {
                    FloatVector av = FloatVector.fromArray(F, a, cb * B + j);
                    FloatVector bv = FloatVector.fromArray(F, b, cb * B + j);
                    for (int p = 0; p < hw; p++) {
                        int at = run + p * B + j;
                        FloatVector v = load(xb, at).mul(av).add(bv);
                        (relu ? v.max(0f) : v).intoByteBuffer(yb, at * Float.BYTES, ORDER);
                    }
                }
            }
        }
    }

    /** {@code dy}, or {@code dy·[a·x + b > 0]} when {@code gated} (the gradient behind a fused ReLU). */
    private static FloatVector gate(FloatVector dy, FloatVector x, boolean gated, FloatVector a, FloatVector b) {
        if (!gated) {
            return dy;
        }
        VectorMask<Float> open = x.mul(a).add(b).compare(VectorOperators.GT, 0f);
        return FloatVector.zero(F).blend(dy, open);
    }

    /** Adds {@code Σ g} and {@code Σ g·(x − center_c)} of each channel to {@code sums[c]}, {@code products[c]}. */
    static void gatedSums(NativeFloats dy, NativeFloats x, boolean gated, float[] a, float[] b, float[] center,
                          int e0, int e1, int ch, int hw, double[] sums, double[] products) {
        ByteBuffer db = dy.bytes();
        ByteBuffer xb = x.bytes();
        float[] scratch = new float[L];
        int blocks = ch / B;
        for (int e = e0; e < e1; e++) {
            for (int cb = 0; cb < blocks; cb++) {
                int run = (e * blocks + cb) * hw * B;
                for (int j = 0; j < B; j += L) {
                    int c0 = cb * B + j;
                    FloatVector av = FloatVector.fromArray(F, a, c0);
                    FloatVector bv = FloatVector.fromArray(F, b, c0);
                    FloatVector mu = FloatVector.fromArray(F, center, c0);
                    for (int p0 = 0; p0 < hw; p0 += VectorLoops.BLOCK) {
                        FloatVector vs = FloatVector.zero(F);
                        FloatVector vd = FloatVector.zero(F);
                        for (int p = p0, end = Math.min(hw, p0 + VectorLoops.BLOCK); p < end; p++) {
                            int at = run + p * B + j;
                            FloatVector xv = load(xb, at);
                            FloatVector g = gate(load(db, at), xv, gated, av, bv);
                            vs = vs.add(g);
                            vd = g.fma(xv.sub(mu), vd);
                        }
                        addLanes(vs, scratch, sums, c0);
                        addLanes(vd, scratch, products, c0);
                    }
                }
            }
        }
    }

    /** BatchNorm's input gradient {@code dx = scale_c·(g − meanG_c − (x − μ_c)·k_c)}, {@code g} as in {@link #gatedSums}. */
    static void batchNormDx(NativeFloats x, NativeFloats dy, NativeFloats dx, int e0, int e1, int ch, int hw,
                            boolean gated, float[] a, float[] b, float[] mu, float[] k, float[] scale, float[] meanG) {
        ByteBuffer xb = x.bytes();
        ByteBuffer db = dy.bytes();
        ByteBuffer ob = dx.bytes();
        int blocks = ch / B;
        for (int e = e0; e < e1; e++) {
            for (int cb = 0; cb < blocks; cb++) {
                int run = (e * blocks + cb) * hw * B;
                for (int j = 0; j < B; j += L) {
                    int c0 = cb * B + j;
                    FloatVector av = FloatVector.fromArray(F, a, c0);
                    FloatVector bv = FloatVector.fromArray(F, b, c0);
                    FloatVector muv = FloatVector.fromArray(F, mu, c0);
                    FloatVector kv = FloatVector.fromArray(F, k, c0);
                    FloatVector sv = FloatVector.fromArray(F, scale, c0);
                    FloatVector gv = FloatVector.fromArray(F, meanG, c0);
                    for (int p = 0; p < hw; p++) {
                        int at = run + p * B + j;
                        FloatVector xv = load(xb, at);
                        FloatVector g = gate(load(db, at), xv, gated, av, bv);
                        g.sub(gv).sub(xv.sub(muv).mul(kv)).mul(sv).intoByteBuffer(ob, at * Float.BYTES, ORDER);
                    }
                }
            }
        }
    }

    /**
     * 2×2 max pooling with stride 2: each output the first maximum of its window in scan order (top left, top
     * right, bottom left, bottom right; compared as {@link Kernels#orderedKey}, so {@code +0 > −0}), and in
     * {@code argmax} the index of that input value.
     */
    static void maxPool2(NativeFloats x, NativeFloats y, int[] argmax, int e0, int e1, int ch, int h, int w, int ho,
                         int wo) {
        ByteBuffer xb = x.bytes();
        ByteBuffer yb = y.bytes();
        int blocks = ch / B;
        IntVector lane = IntVector.zero(I).addIndex(1);
        for (int e = e0; e < e1; e++) {
            for (int cb = 0; cb < blocks; cb++) {
                int in = (e * blocks + cb) * h * w * B;
                int out = (e * blocks + cb) * ho * wo * B;
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        int topLeft = in + (2 * oy * w + 2 * ox) * B;
                        int o = out + (oy * wo + ox) * B;
                        for (int j = 0; j < B; j += L) {
                            pool2(xb, yb, argmax, topLeft + j, w * B, o + j, lane);
                        }
                    }
                }
            }
        }
    }

    /** One vector of outputs at {@code o} from the windows whose top-left values start at {@code at}. */
    private static void pool2(ByteBuffer xb, ByteBuffer yb, int[] argmax, int at, int row, int o, IntVector lane) {
        IntVector bits = load(xb, at).reinterpretAsInts();
        IntVector max = orderedKeys(bits);
        IntVector offset = IntVector.zero(I);
        // the three other corners in scan order, each taken only when strictly larger (the first maximum wins)
        IntVector next = load(xb, at + B).reinterpretAsInts();
        IntVector key = orderedKeys(next);
        VectorMask<Integer> more = key.compare(VectorOperators.GT, max);
        bits = bits.blend(next, more);
        max = max.blend(key, more);
        offset = offset.blend(B, more);
        next = load(xb, at + row).reinterpretAsInts();
        key = orderedKeys(next);
        more = key.compare(VectorOperators.GT, max);
        bits = bits.blend(next, more);
        max = max.blend(key, more);
        offset = offset.blend(row, more);
        next = load(xb, at + row + B).reinterpretAsInts();
        more = orderedKeys(next).compare(VectorOperators.GT, max);
        bits = bits.blend(next, more);
        offset = offset.blend(row + B, more);
        bits.intoByteBuffer(yb, o * Float.BYTES, ORDER);
        lane.add(at).add(offset).intoArray(argmax, o);
    }

    /** {@link Kernels#orderedKey} lane-wise. */
    private static IntVector orderedKeys(IntVector bits) {
        return bits.lanewise(VectorOperators.XOR, bits.lanewise(VectorOperators.ASHR, 31).and(0x7fffffff));
    }
}
