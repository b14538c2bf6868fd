package vsam.backend.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vsam.api.model.InitialWeights;
import vsam.api.model.Layer;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.Evaluation;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.NetworkState;
import vsam.api.network.Pass;
import vsam.api.vector.Vec;

/** BatchNorm running statistics: updated by CLEAN passes, untouched by PERTURBED ones, carried by checkpoints. */
class BatchNormTest {

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
    void perturbedPassLeavesRunningStatisticsBitIdenticalWhileCleanPassChangesThem() {
        ModelSpec spec = Models.cnnS(Fixtures.MNIST, 10);
        Network network = session.build(spec, InitialWeights.generate(spec, 1), new LossOptions(0.1));
        Vec grad = session.zerosLike(network);
        try (DeviceBatch batch = session.upload(Fixtures.randomBatch(5, 16, Fixtures.MNIST, 10))) {
            NetworkState before = network.exportState();
            assertEquals(2 * (16 + 16 + 32 + 32), before.buffers().length);

            network.lossAndGradient(batch, Pass.PERTURBED, grad);
            NetworkState afterPerturbed = network.exportState();
            assertArrayEquals(before.buffers(), afterPerturbed.buffers(), "PERTURBED must not touch running statistics");
            assertEquals(before, afterPerturbed);

            network.lossAndGradient(batch, Pass.CLEAN, grad);
            float[] afterClean = network.exportState().buffers();
            assertFalse(Arrays.equals(before.buffers(), afterClean), "CLEAN must update running statistics");

            network.lossAndGradient(batch, Pass.PERTURBED, grad);
            assertArrayEquals(afterClean, network.exportState().buffers());
        }
    }

    @Test
    void cleanPassUsesPyTorchMomentumAndUnbiasedVariance() {
        // BatchNorm straight on the input, so the batch statistics can be computed here
        Shape input = new Shape(2, 5, 5);
        ModelSpec spec = new ModelSpec("bn-probe", input, 3, List.of(
                new Layer.BatchNorm2d(2), new Layer.Flatten(), new Layer.Linear(50, 3, true)));
        Network network = session.build(spec, InitialWeights.generate(spec, 9), LossOptions.PLAIN);
        Vec grad = session.zerosLike(network);
        int n = 4;
        HostBatch host = Fixtures.randomBatch(6, n, input, 3);
        try (DeviceBatch batch = session.upload(host)) {
            network.lossAndGradient(batch, Pass.CLEAN, grad);
        }
        float[] buffers = network.exportState().buffers(); // mean[2], var[2]
        float[] x = host.features();
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            double squares = 0;
            int count = 0;
            for (int s = 0; s < n; s++) {
                for (int i = 0; i < 25; i++) {
                    double v = x[s * 50 + c * 25 + i];
                    sum += v;
                    squares += v * v;
                    count++;
                }
            }
            double mean = sum / count;
            double unbiased = (squares - count * mean * mean) / (count - 1);
            assertEquals(0.1 * mean, buffers[c], 1e-6, "running mean of channel " + c);
            assertEquals(0.9 + 0.1 * unbiased, buffers[2 + c], 1e-5, "running var of channel " + c);
        }
    }

    @Test
    void exportedStateRestoresParametersAndBuffers() {
        ModelSpec spec = Models.cnnS(Fixtures.MNIST, 10);
        InitialWeights init = InitialWeights.generate(spec, 2);
        Network trained = session.build(spec, init, LossOptions.PLAIN);
        Vec grad = session.zerosLike(trained);
        Vec momentum = session.zerosLike(trained);
        try (DeviceBatch batch = session.upload(Fixtures.randomBatch(8, 16, Fixtures.MNIST, 10))) {
            for (int i = 0; i < 3; i++) {
                trained.lossAndGradient(batch, Pass.CLEAN, grad);
                trained.params().sgdStep(grad, momentum, 0.05f, 0.9f, 5e-4f, false);
            }
            NetworkState state = trained.exportState();
            Network restored = session.build(spec, init, LossOptions.PLAIN);
            assertNotEquals(state, restored.exportState());
            restored.importState(state);
            assertEquals(state, restored.exportState());
            Evaluation a = trained.evaluate(batch);
            Evaluation b = restored.evaluate(batch);
            assertEquals(a, b, "same state, same inference-mode results");
        }
    }
}
