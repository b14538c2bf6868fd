package vsam.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.network.DeviceBatch;
import vsam.api.network.Evaluation;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;
import vsam.testkit.ArrayVec;
import vsam.testkit.HeapBatch;
import vsam.testkit.ReferenceMlp;
import vsam.testkit.SmoothingCase;

/** The mlp forward/backward with label smoothing agrees with the pure-Java reference. */
class MlpParityTest {

    private static DjlSession session;

    @BeforeAll
    static void open() {
        session = Fixtures.session(2);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void lossAndGradientMatchTheReferenceMlp() {
        ModelSpec spec = Models.mlp(Fixtures.MNIST, 10);
        InitialWeights init = InitialWeights.generate(spec, 42);
        LossOptions loss = new LossOptions(0.1);
        HostBatch host = Fixtures.randomBatch(7, 8, Fixtures.MNIST, 10);

        ReferenceMlp reference = new ReferenceMlp(spec, init, loss);
        ArrayVec expected = new ArrayVec(spec.segments());
        double expectedLoss = reference.lossAndGradient(new HeapBatch(host), Pass.CLEAN, expected);

        Network network = session.build(spec, init, loss);
        Vec grad = session.zerosLike(network);
        grad.fill(123f); // must be overwritten, not added to
        double actualLoss;
        try (DeviceBatch batch = session.upload(host)) {
            actualLoss = network.lossAndGradient(batch, Pass.CLEAN, grad);
        }
        assertEquals(expectedLoss, actualLoss, 1e-4 * Math.abs(expectedLoss));
        float[] want = expected.read();
        float[] got = grad.read();
        Segments segments = spec.segments();
        for (int i = 0; i < segments.count(); i++) {
            int from = (int) segments.offset(i);
            int to = (int) segments.offset(i + 1);
            double error = Fixtures.relativeL2(got, want, from, to);
            assertTrue(error < 1e-3, "segment " + segments.name(i) + ": relative L2 error " + error);
        }
        assertTrue(Fixtures.relativeL2(network.params().read(), init.flat(), 0, want.length) == 0,
                "initial weights are copied in exactly");
    }

    @Test
    void evaluationMatchesTheReferenceWithoutSmoothing() {
        ModelSpec spec = Models.mlp(Fixtures.MNIST, 10);
        InitialWeights init = InitialWeights.generate(spec, 3);
        HostBatch host = Fixtures.randomBatch(11, 64, Fixtures.MNIST, 10);
        Evaluation expected = new ReferenceMlp(spec, init, new LossOptions(0.1)).evaluate(new HeapBatch(host));
        Network network = session.build(spec, init, new LossOptions(0.1));
        Evaluation actual;
        try (DeviceBatch batch = session.upload(host)) {
            actual = network.evaluate(batch);
        }
        assertEquals(expected.count(), actual.count());
        assertEquals(expected.correct(), actual.correct());
        assertEquals(expected.lossSum(), actual.lossSum(), 1e-4 * expected.lossSum());
    }

    @Test
    void bothSmoothingConventionsGiveTheHandComputedLoss() {
        SmoothingCase c = new SmoothingCase(Models.mlp(Fixtures.MNIST, 10),
                new float[] {0.3f, -1.2f, 2.0f, 0.0f, 0.7f, -0.4f, 1.1f, -2.2f, 0.5f, 0.9f}, 6);
        c.assertMatchesHandComputation(session);
        // the conventions differ: 0.1 spread over the 9 other classes, or over all 10
        assertTrue(Math.abs(c.expectedLoss(new LossOptions(0.1, LossOptions.Convention.UNIFORM))
                - c.expectedLoss(new LossOptions(0.1, LossOptions.Convention.OTHERS))) > 1e-3);
    }
}
