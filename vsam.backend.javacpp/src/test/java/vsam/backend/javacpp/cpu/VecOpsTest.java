package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vsam.api.model.InitialWeights;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.vector.SegmentScope;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;
import vsam.backend.javacpp.Fixtures;
import vsam.testkit.ArrayVec;

/** Every {@link Vec} operation of the CPU vector matches the pure-Java reference {@link ArrayVec}. */
class VecOpsTest {

    private static CpuSession session;
    private static Network network;
    private static Segments segments;

    @BeforeAll
    static void open() {
        session = new CpuSession(2);
        var spec = Models.mlp(new Shape(1, 6, 6), 5);
        network = session.build(spec, InitialWeights.generate(spec, 1), LossOptions.PLAIN);
        segments = spec.segments();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private Vec cpu(long seed) {
        Vec v = session.zerosLike(network);
        v.write(Fixtures.uniform((int) segments.totalLength(), seed));
        return v;
    }

    private ArrayVec ref(long seed) {
        return new ArrayVec(segments, Fixtures.uniform((int) segments.totalLength(), seed));
    }

    @Test
    void copyFillScaleAxpyAbsAndProductsAreExact() {
        Vec a = cpu(1);
        Vec b = cpu(2);
        ArrayVec ra = ref(1);
        ArrayVec rb = ref(2);
        a.scale(0.37f);
        ra.scale(0.37f);
        assertArrayEquals(ra.read(), a.read());
        a.axpy(-1.25f, b);
        ra.axpy(-1.25f, rb);
        assertArrayEquals(ra.read(), a.read(), 1e-6f);
        a.mulElementwise(b);
        ra.mulElementwise(rb);
        assertArrayEquals(ra.read(), a.read(), 1e-6f);
        a.abs();
        ra.abs();
        assertArrayEquals(ra.read(), a.read(), 1e-6f);
        a.copyFrom(b);
        assertArrayEquals(rb.read(), a.read());
        a.fill(0.5f);
        ra.fill(0.5f);
        assertArrayEquals(ra.read(), a.read());
        a.fill(0f);
        assertArrayEquals(new float[(int) segments.totalLength()], a.read());
    }

    @Test
    void dotAndNormsAccumulateInDouble() {
        Vec a = cpu(3);
        Vec b = cpu(4);
        ArrayVec ra = ref(3);
        ArrayVec rb = ref(4);
        assertEquals(ra.dot(rb), a.dot(b), 1e-7 * ra.norm2() * rb.norm2());
        assertEquals(ra.norm2(), a.norm2(), 1e-7 * ra.norm2());
        for (SegmentScope scope : List.of(segments.all(), segments.last(1), segments.last(3), new SegmentScope(1, 2))) {
            assertEquals(ra.norm2(scope), a.norm2(scope), 1e-7 * Math.max(1, ra.norm2(scope)), scope.toString());
        }
    }

    @Test
    void sgdStepIsBitIdenticalToTheReference() {
        for (boolean nesterov : new boolean[] {false, true}) {
            Vec w = cpu(5);
            Vec g = cpu(6);
            Vec m = cpu(7);
            ArrayVec rw = ref(5);
            ArrayVec rg = ref(6);
            ArrayVec rm = ref(7);
            for (int t = 0; t < 3; t++) {
                w.sgdStep(g, m, 0.05f, 0.9f, 5e-4f, nesterov);
                rw.sgdStep(rg, rm, 0.05f, 0.9f, 5e-4f, nesterov);
            }
            assertArrayEquals(rw.read(), w.read());
            assertArrayEquals(rm.read(), m.read());
        }
    }

    @Test
    void adamWStepIsBitIdenticalToTheReference() {
        Vec w = cpu(8);
        Vec g = cpu(9);
        Vec m = session.zerosLike(network);
        Vec v = session.zerosLike(network);
        ArrayVec rw = ref(8);
        ArrayVec rg = ref(9);
        ArrayVec rm = new ArrayVec(segments);
        ArrayVec rv = new ArrayVec(segments);
        for (int t = 1; t <= 3; t++) {
            w.adamWStep(g, m, v, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, t);
            rw.adamWStep(rg, rm, rv, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, t);
        }
        assertArrayEquals(rw.read(), w.read());
        assertArrayEquals(rm.read(), m.read());
        assertArrayEquals(rv.read(), v.read());
    }
}
