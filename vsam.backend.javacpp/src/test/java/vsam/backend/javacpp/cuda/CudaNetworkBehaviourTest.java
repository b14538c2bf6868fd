package vsam.backend.javacpp.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vsam.api.BackendException;
import vsam.api.Session;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.NetworkState;
import vsam.api.network.Pass;
import vsam.api.vector.Vec;
import vsam.backend.javacpp.Fixtures;

/**
 * The CUDA network keeps the {@link Network} contract: a PERTURBED pass leaves the BatchNorm running
 * statistics bit-identical while a CLEAN pass moves them; gradients are overwritten, not accumulated;
 * batch sizes may change from step to step; state export and import round-trip; closing the session
 * frees its device memory. Skipped, with the reason printed, where CUDA is unavailable.
 */
class CudaNetworkBehaviourTest {

    private static final ModelSpec SPEC = Models.cnnS(new Shape(1, 12, 12), 5);
    private static Session cuda;

    @BeforeAll
    static void open() {
        if (CudaAssumption.available()) {
            cuda = CudaChecks.openCuda();
        }
    }

    @BeforeEach
    void requireCuda() {
        CudaAssumption.assumeCuda("CudaNetworkBehaviourTest");
    }

    @AfterAll
    static void close() {
        if (cuda != null) {
            cuda.close();
        }
    }

    private static Network build() {
        return cuda.build(SPEC, InitialWeights.generate(SPEC, 7), new LossOptions(0.1));
    }

    @Test
    void perturbedPassLeavesRunningStatisticsExactlyAsTheyWere() {
        Network net = build();
        Vec g = cuda.zerosLike(net);
        try (DeviceBatch b = cuda.upload(Fixtures.batch(6, SPEC.input(), SPEC.classes(), 1))) {
            float[] before = net.exportState().buffers();
            net.lossAndGradient(b, Pass.PERTURBED, g);
            assertArrayEquals(before, net.exportState().buffers());
            net.lossAndGradient(b, Pass.CLEAN, g);
            assertFalse(Arrays.equals(before, net.exportState().buffers()), "a CLEAN pass updates the running statistics");
        }
    }

    /**
     * LayerNorm has no running statistics: vit-tiny has no buffers, and a PERTURBED pass leaves its state
     * exactly as it was and gives the CLEAN pass's loss and gradient.
     */
    @Test
    void perturbedPassLeavesTheStateOfVitTinyUnchanged() {
        ModelSpec vit = Models.byId("vit-tiny", new Shape(1, 28, 28), 10);
        Network net = cuda.build(vit, InitialWeights.generate(vit, 4), new LossOptions(0.1));
        Vec g = cuda.zerosLike(net);
        try (DeviceBatch b = cuda.upload(Fixtures.batch(4, vit.input(), 10, 5))) {
            double clean = net.lossAndGradient(b, Pass.CLEAN, g);
            float[] cleanGradient = g.read();
            NetworkState before = net.exportState();
            assertEquals(0, before.buffers().length, "LayerNorm keeps no running statistics: no buffers");
            double perturbed = net.lossAndGradient(b, Pass.PERTURBED, g);
            assertEquals(before, net.exportState());
            assertEquals(clean, perturbed, 1e-12 * Math.abs(clean));
            assertTrue(Fixtures.relativeL2(g.read(), cleanGradient, 0, cleanGradient.length) < 1e-6);
        }
    }

    @Test
    void gradientsAreOverwrittenNotAccumulated() {
        Network net = build();
        Vec g1 = cuda.zerosLike(net);
        Vec g2 = cuda.zerosLike(net);
        g2.fill(123f);
        try (DeviceBatch b = cuda.upload(Fixtures.batch(6, SPEC.input(), SPEC.classes(), 2))) {
            double l1 = net.lossAndGradient(b, Pass.PERTURBED, g1);
            double l2 = net.lossAndGradient(b, Pass.PERTURBED, g2);
            assertEquals(l1, l2, 1e-12 * Math.abs(l1));
        }
        assertTrue(Fixtures.relativeL2(g2.read(), g1.read(), 0, (int) g1.length()) < 1e-6);
    }

    @Test
    void batchSizesMayChangeBetweenSteps() {
        Network net = build();
        Vec g = cuda.zerosLike(net);
        for (int n : new int[] {4, 9, 3, 9}) {
            try (DeviceBatch b = cuda.upload(Fixtures.batch(n, SPEC.input(), SPEC.classes(), n))) {
                double loss = net.lossAndGradient(b, Pass.CLEAN, g);
                assertTrue(Double.isFinite(loss) && loss > 0, "loss at batch " + n + ": " + loss);
                assertEquals(n, net.evaluate(b).count());
            }
        }
    }

    @Test
    void stateRoundTrips() {
        Network net = build();
        Vec g = cuda.zerosLike(net);
        try (DeviceBatch b = cuda.upload(Fixtures.batch(5, SPEC.input(), SPEC.classes(), 3))) {
            net.lossAndGradient(b, Pass.CLEAN, g);
        }
        NetworkState state = net.exportState();
        Network other = build();
        other.importState(state);
        assertEquals(state, other.exportState());
    }

    @Test
    void closingTheSessionFreesItsDeviceMemory() {
        CudaSession session = (CudaSession) CudaChecks.openCuda();
        Network net = session.build(SPEC, InitialWeights.generate(SPEC, 1), LossOptions.PLAIN);
        try (DeviceBatch b = session.upload(Fixtures.batch(4, SPEC.input(), SPEC.classes(), 4))) {
            net.lossAndGradient(b, Pass.CLEAN, session.zerosLike(net));
        }
        assertTrue(session.deviceBytes() > 0);
        session.close();
        assertEquals(0, session.deviceBytes());
        assertThrows(BackendException.class, () -> session.zerosLike(net));
    }
}
