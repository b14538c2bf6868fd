package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SIMD loops ({@link VectorLoops}) against the scalar ones ({@link ScalarLoops}) and a double-precision
 * reference, on runs whose start and length leave partial vectors at both ends: element-wise results
 * bit-identical, GELU within 1e-6 of the double-precision form, sums within float rounding of the exact
 * value, and the shifted statistics exact enough for a channel whose mean is 10⁴ times its spread.
 */
class ElementLoopsTest {

    private static final int SIZE = 5000;
    private Arena arena;
    private ElementLoops lanes;
    private final ElementLoops scalar = new ScalarLoops();

    @BeforeEach
    void open() {
        assumeTrue(Runtime.version().feature() <= 18, "the SIMD loops need the JDK 17/18 Vector API (running on "
                + Runtime.version() + ")");
        arena = new Arena();
        lanes = VectorLoops.create();
        assertInstanceOf(VectorLoops.class, lanes);
    }

    @AfterEach
    void close() {
        if (arena != null) {
            arena.close();
        }
    }

    @Test
    void theTestJvmUsesTheLanes() {
        // surefire runs this module on the module path, where module-info's 'requires jdk.incubator.vector' resolves
        assertTrue(ElementLoops.simd(), "ElementLoops.preferred() fell back to scalar loops");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 16, 17, 1023, 1024 * 3 + 5, 4093})
    void elementWiseLoopsAreBitIdentical(int len) {
        int from = 3;
        NativeFloats x = random(1, 0.5f, 0f);
        NativeFloats dy = random(2, 1f, 0f);
        float a = 1.7f;
        float b = -0.3f;
        for (boolean relu : new boolean[] {false, true}) {
            assertSame(run(l -> l.affine(x, out(l), from, len, a, b, relu)), "affine relu=" + relu);
            assertSame(run(l -> l.batchNormDx(x, dy, out(l), from, len, relu, a, b, 0.1f, 0.37f, 1.3f, 0.02f)),
                    "batchNormDx gated=" + relu);
        }
        assertSame(run(l -> l.relu(x, out(l), from, len)), "relu");
        assertSame(run(l -> l.reluBackward(x, dy, out(l), from, len)), "reluBackward");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 1024 + 9, 4000, SIZE - 3})
    void sumsMatchADoubleReference(int len) {
        int from = 3;
        NativeFloats x = random(3, 2f, 0.5f);
        NativeFloats dy = random(4, 1f, 0f);
        float c = 0.25f;
        double[] exact = new double[4];
        FloatBuffer xb = x.buffer();
        FloatBuffer db = dy.buffer();
        float a = 0.9f;
        float b = 0.1f;
        for (int i = from; i < from + len; i++) {
            double v = xb.get(i) - (double) c;
            exact[0] += v;
            exact[1] += v * v;
            double g = a * xb.get(i) + b > 0 ? db.get(i) : 0;
            exact[2] += g;
            exact[3] += g * v;
        }
        for (ElementLoops l : new ElementLoops[] {lanes, scalar}) {
            double[] s = new double[2];
            double[] g = new double[2];
            l.shiftedSums(x, from, len, c, s);
            l.gatedSums(dy, x, true, a, b, c, from, len, g);
            String who = l.getClass().getSimpleName();
            double tolerance = 1e-6 * Math.sqrt(len) * 4;
            assertEquals(exact[0], s[0], tolerance * (1 + Math.abs(exact[0])), who + " Σ(x−c)");
            assertEquals(exact[1], s[1], tolerance * exact[1], who + " Σ(x−c)²");
            assertEquals(exact[2], g[0], tolerance * (1 + Math.abs(exact[2])), who + " Σg");
            assertEquals(exact[3], g[1], tolerance * (1 + Math.abs(exact[3])), who + " Σg·(x−c)");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 16, 4093})
    void geluOnLanesIsWithinAMillionthOfTheDoubleForm(int len) {
        int from = 3;
        NativeFloats x = random(6, 3f, 0f);
        NativeFloats dy = random(7, 1f, 0f);
        FloatBuffer xb = x.buffer();
        xb.put(from, 40f);
        xb.put(from + 1, -40f);
        NativeFloats[] y = run(l -> l.gelu(x, out(l), from, len));
        assertClose(y, from, len, "gelu");
        NativeFloats[] dx = run(l -> l.geluBackward(x, dy, out(l), from, len));
        assertClose(dx, from, len, "gelu backward");
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 20, 7})
    void layerNormOnLanesMatchesTheScalarLoops(int d) {
        int rows = SIZE / (3 * d);
        NativeFloats x = random(8, 2f, 1.5f);
        NativeFloats dy = random(9, 1f, 0f);
        NativeFloats params = random(10, 0.5f, 1f);
        int gamma = 5;
        NativeFloats[] y = new NativeFloats[2];
        NativeFloats[] stats = new NativeFloats[2];
        NativeFloats[] dx = new NativeFloats[2];
        NativeFloats[] grad = new NativeFloats[2];
        ElementLoops[] both = {lanes, scalar};
        for (int k = 0; k < 2; k++) {
            y[k] = arena.floats(SIZE);
            stats[k] = arena.floats(2L * rows);
            dx[k] = arena.floats(SIZE);
            grad[k] = arena.floats(2L * d + 3);
            both[k].layerNormForward(x, y[k], stats[k], params, gamma, d, 1e-5f, 1, rows);
            both[k].layerNormBackward(x, dy, dx[k], stats[k], params, gamma, d, grad[k], 3, 1, rows);
        }
        assertClose(y, d, (rows - 1) * d, "layerNorm y");
        assertClose(stats, 2, 2 * (rows - 1), "layerNorm mean and 1/σ");
        assertClose(dx, d, (rows - 1) * d, "layerNorm dx");
        // dγ, dβ are float sums over rows in row order on both sides: only the per-row x̂ may differ
        for (int j = 3; j < 3 + 2 * d; j++) {
            float want = grad[1].buffer().get(j);
            assertEquals(want, grad[0].buffer().get(j), 1e-5 * Math.max(1, Math.abs(want)), "layerNorm dγ/dβ " + j);
        }
        assertEquals(0f, y[0].buffer().get(d - 1), "row 0 is not written");
    }

    @ParameterizedTest
    @ValueSource(ints = {49, 16, 5})
    void softmaxOnLanesMatchesTheScalarLoops(int t) {
        int at = 7;
        NativeFloats logits = random(13, 4f, 0f);
        logits.buffer().put(at, 1e4f);
        logits.buffer().put(at + t + 1, -1e4f);
        NativeFloats[] p = run(l -> {
            NativeFloats out = out(l);
            out.pointer().put(logits.pointer());
            l.softmaxRows(out, at, t);
        });
        assertClose(p, at, t * t, "softmax");
        NativeFloats dp = random(14, 1f, 0f);
        NativeFloats[] ds = run(l -> {
            NativeFloats out = out(l);
            out.pointer().put(dp.pointer());
            l.softmaxBackwardRows(p[1], at, out, t, 0.25f);
        });
        assertClose(ds, 0, t * t, "softmax backward");
    }

    @ParameterizedTest
    @ValueSource(ints = {28, 14, 7, 2})
    void maxPoolOnLanesIsBitIdenticalWithItsArgMax(int side) {
        int planes = SIZE / (side * side);
        int half = side / 2;
        NativeFloats x = random(15, 1f, 0f);
        // ties: a window of equal values, and −0 beside +0, must pick the same corner on both sides
        x.buffer().put(side * side, 0.5f);
        x.buffer().put(side * side + 1, 0.5f);
        x.buffer().put(2 * side * side, -0f);
        x.buffer().put(2 * side * side + 1, 0f);
        int[][] argmax = new int[2][planes * half * half];
        NativeFloats[] y = run(l -> l.maxPool2(x, out(l), argmax[l == lanes ? 0 : 1], 1, planes, side, side, half, half));
        assertSame(y, "maxPool2 " + side + "×" + side);
        assertArrayEquals(argmax[1], argmax[0], "arg-max indices");
        assertTrue(argmax[0][half * half] >= side * side, "plane 1's arg-max lies in plane 1");
    }

    private static void assertClose(NativeFloats[] outs, int from, int len, String what) {
        FloatBuffer lanes = outs[0].buffer();
        FloatBuffer scalar = outs[1].buffer();
        for (int i = from; i < from + len; i++) {
            float want = scalar.get(i);
            assertTrue(Float.isFinite(lanes.get(i)), what + ": element " + i + " is " + lanes.get(i));
            assertEquals(want, lanes.get(i), 1e-6 * Math.max(1, Math.abs(want)), what + ": element " + i);
        }
    }

    @Test
    void shiftedStatisticsSurviveALargeMean() {
        // mean 1000, spread 0.1: Σx²/M − mean² in float lanes would lose every digit of the variance
        NativeFloats x = random(5, 0.1f, 1000f);
        FloatBuffer xb = x.buffer();
        double mean = 0;
        for (int i = 0; i < SIZE; i++) {
            mean += xb.get(i);
        }
        mean /= SIZE;
        double var = 0;
        for (int i = 0; i < SIZE; i++) {
            var += (xb.get(i) - mean) * (xb.get(i) - mean);
        }
        var /= SIZE;
        double[] s = new double[2];
        float shift = xb.get(0);
        lanes.shiftedSums(x, 0, SIZE, shift, s);
        double offset = s[0] / SIZE;
        assertEquals(mean, shift + offset, 1e-6 * mean);
        assertEquals(var, s[1] / SIZE - offset * offset, 1e-4 * var);
    }

    private interface Kernel {
        void run(ElementLoops loops);
    }

    private NativeFloats lanesOut;
    private NativeFloats scalarOut;

    private NativeFloats out(ElementLoops l) {
        return l == lanes ? lanesOut : scalarOut;
    }

    /** Runs the kernel with both implementations into two fresh outputs; returns {lanes, scalar}. */
    private NativeFloats[] run(Kernel k) {
        lanesOut = arena.floats(SIZE);
        scalarOut = arena.floats(SIZE);
        k.run(lanes);
        k.run(scalar);
        return new NativeFloats[] {lanesOut, scalarOut};
    }

    private static void assertSame(NativeFloats[] outs, String what) {
        FloatBuffer a = outs[0].buffer();
        FloatBuffer b = outs[1].buffer();
        for (int i = 0; i < SIZE; i++) {
            int ia = Float.floatToRawIntBits(a.get(i));
            int ib = Float.floatToRawIntBits(b.get(i));
            if (ia != ib) {
                throw new AssertionError(what + ": element " + i + " is " + a.get(i) + " on lanes, " + b.get(i) + " scalar");
            }
        }
    }

    /** {@code SIZE} values {@code mean + spread·N(0,1)}, a tenth of them exactly 0 (ReLU's boundary). */
    private NativeFloats random(long seed, float spread, float mean) {
        NativeFloats f = arena.floats(SIZE);
        Random r = new Random(seed);
        FloatBuffer b = f.buffer();
        for (int i = 0; i < SIZE; i++) {
            b.put(i, r.nextInt(10) == 0 ? 0f : mean + spread * (float) r.nextGaussian());
        }
        return f;
    }
}
