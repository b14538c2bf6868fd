package vsam.backend.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vsam.api.vector.SegmentScope;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;
import vsam.testkit.ArrayVec;

/** Every {@link Vec} operation of the djl backend agrees with the pure-Java reference {@link ArrayVec}. */
class VecOpsTest {

    private static final Segments SEGMENTS = new Segments(List.of("a.weight", "a.bias", "b.weight", "b.bias", "c"),
            List.of(new int[] {16, 3, 3, 3}, new int[] {16}, new int[] {10, 40}, new int[] {10}, new int[] {1000}));

    private static DjlSession session;
    private final Random random = new Random(2024);

    @BeforeAll
    static void open() {
        session = Fixtures.session(2);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private float[] randomValues() {
        float[] v = new float[(int) SEGMENTS.totalLength()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** A djl vector and a reference vector holding the same random values. */
    private Vec[] pair() {
        float[] values = randomValues();
        DjlVec djl = session.zeros(SEGMENTS);
        djl.write(values);
        return new Vec[] {djl, new ArrayVec(SEGMENTS, values)};
    }

    private static void assertClose(Vec expected, Vec actual, double tolerance) {
        float[] e = expected.read();
        float[] a = actual.read();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            double bound = tolerance * Math.max(1, Math.abs(e[i]));
            assertTrue(Math.abs(e[i] - a[i]) <= bound, "element " + i + ": expected " + e[i] + ", got " + a[i]);
        }
    }

    private static void assertRelative(double expected, double actual, double tolerance) {
        assertEquals(expected, actual, tolerance * Math.max(1e-30, Math.abs(expected)));
    }

    @Test
    void readAndWriteRoundTripExactly() {
        float[] values = randomValues();
        DjlVec v = session.zeros(SEGMENTS);
        v.write(values);
        assertArrayEquals(values, v.read());
        assertEquals(SEGMENTS.totalLength(), v.length());
    }

    @Test
    void copyFillScaleAbsAndElementwiseProductAreExact() {
        Vec[] x = pair();
        Vec[] y = pair();
        x[0].copyFrom(y[0]);
        x[1].copyFrom(y[1]);
        assertArrayEquals(x[1].read(), x[0].read());

        x[0].fill(-2.5f);
        x[1].fill(-2.5f);
        assertArrayEquals(x[1].read(), x[0].read());

        Vec[] z = pair();
        z[0].scale(0.37f);
        z[1].scale(0.37f);
        assertArrayEquals(z[1].read(), z[0].read());

        z[0].abs();
        z[1].abs();
        assertArrayEquals(z[1].read(), z[0].read());

        z[0].mulElementwise(y[0]);
        z[1].mulElementwise(y[1]);
        assertArrayEquals(z[1].read(), z[0].read());
    }

    @Test
    void axpyMatches() {
        Vec[] x = pair();
        Vec[] y = pair();
        x[0].axpy(-0.05f, y[0]);
        x[1].axpy(-0.05f, y[1]);
        assertClose(x[1], x[0], 1e-7);
    }

    @Test
    void dotAndNormsMatchInDoublePrecision() {
        Vec[] x = pair();
        Vec[] y = pair();
        assertRelative(x[1].dot(y[1]), x[0].dot(y[0]), 1e-9);
        assertRelative(x[1].dot(x[1]), x[0].dot(x[0]), 1e-12);
        assertRelative(x[1].norm2(), x[0].norm2(), 1e-12);
        for (SegmentScope scope : List.of(SEGMENTS.all(), SEGMENTS.last(2), SEGMENTS.last(1), new SegmentScope(1, 3))) {
            assertRelative(x[1].norm2(scope), x[0].norm2(scope), 1e-12);
        }
    }

    @Test
    void longVectorsReduceInChunksAndShareScratchAcrossLengths() {
        // longer than two chunks, not a multiple of one: the chunked float64 reductions and a second scratch length
        Segments longer = new Segments(List.of("w", "b"), List.of(new int[] {(int) (2 * DjlVec.CHUNK + 5)}, new int[] {7}));
        float[] a = new float[(int) longer.totalLength()];
        float[] b = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
            b[i] = (float) random.nextGaussian();
        }
        DjlVec x = session.zeros(longer);
        DjlVec y = session.zeros(longer);
        x.write(a);
        y.write(b);
        Vec rx = new ArrayVec(longer, a);
        Vec ry = new ArrayVec(longer, b);
        assertRelative(rx.dot(ry), x.dot(y), 1e-9);
        assertRelative(rx.norm2(), x.norm2(), 1e-12);
        assertRelative(rx.norm2(longer.last(1)), x.norm2(longer.last(1)), 1e-12);
        x.axpy(0.3f, y);
        rx.axpy(0.3f, ry);
        assertClose(rx, x, 1e-7);
        Vec[] shortPair = pair();
        Vec[] other = pair();
        shortPair[0].axpy(-0.5f, other[0]);
        shortPair[1].axpy(-0.5f, other[1]);
        assertClose(shortPair[1], shortPair[0], 1e-7);
    }

    private void checkStep(BiConsumer<Vec[], Vec[][]> step, double tolerance) {
        Vec[] w = pair();
        Vec[][] state = {pair(), pair(), pair()};
        // positive second moments, as AdamW keeps them
        state[2][0].abs();
        state[2][1].abs();
        for (int t = 0; t < 3; t++) {
            Vec[] g = pair();
            state[0] = g;
            step.accept(w, state);
        }
        assertClose(w[1], w[0], tolerance);
        assertClose(state[1][1], state[1][0], tolerance);
        assertClose(state[2][1], state[2][0], tolerance);
    }

    @Test
    void sgdStepMatchesWithAndWithoutNesterov() {
        for (boolean nesterov : new boolean[] {false, true}) {
            checkStep((w, s) -> {
                w[0].sgdStep(s[0][0], s[1][0], 0.05f, 0.9f, 5e-4f, nesterov);
                w[1].sgdStep(s[0][1], s[1][1], 0.05f, 0.9f, 5e-4f, nesterov);
            }, 1e-6);
        }
        // without momentum and weight decay
        checkStep((w, s) -> {
            w[0].sgdStep(s[0][0], s[1][0], 0.1f, 0f, 0f, true);
            w[1].sgdStep(s[0][1], s[1][1], 0.1f, 0f, 0f, true);
        }, 1e-6);
    }

    @Test
    void adamWStepMatches() {
        int[] step = {0};
        checkStep((w, s) -> {
            step[0]++;
            w[0].adamWStep(s[0][0], s[1][0], s[2][0], 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, step[0]);
            w[1].adamWStep(s[0][1], s[1][1], s[2][1], 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, step[0]);
        }, 1e-5);
    }
}
