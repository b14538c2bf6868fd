package vsam.algorithm.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vsam.algorithm.train.CancellationToken;
import vsam.algorithm.train.Trainer;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.config.MethodConfig;
import vsam.api.config.RunConfig;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.testkit.InMemorySource;
import vsam.testkit.ReferenceBackend;

/** The warm-up runs once per process and shape, and leaves the run it precedes unchanged. */
class BackendWarmUpTest {

    private static final Shape SHAPE = new Shape(1, 2, 2);

    @Test
    void runsOncePerShape() {
        // Input shapes no other test of this process uses, so the process-wide record starts empty for them.
        ModelSpec spec = Models.mlp(new Shape(1, 5, 7), 3);
        RunConfig config = RunConfig.defaults();
        try (Session session = new ReferenceBackend().open(SessionOptions.cpu())) {
            assertTrue(BackendWarmUp.once(session, spec, config));
            assertFalse(BackendWarmUp.once(session, spec, config), "same shape again: nothing to do");
            assertTrue(BackendWarmUp.once(session, Models.mlp(new Shape(1, 7, 5), 3), config), "another shape");
        }
    }

    @Test
    void aWarmedUpSessionTrainsBitForBitTheSame() {
        float[] cold = train(false);
        float[] warm = train(true);
        assertArrayEquals(cold, warm);
    }

    private static float[] train(boolean warmUp) {
        ModelSpec spec = Models.mlp(SHAPE, 3);
        RunConfig config = RunConfig.defaults().withEpochs(1).withMethod(MethodConfig.defaults("vsam"));
        try (Session session = new ReferenceBackend().open(SessionOptions.cpu())) {
            if (warmUp) {
                BackendWarmUp.run(session, spec, config.batchSize());
            }
            Network net = session.build(spec, InitialWeights.generate(spec, 0), LossOptions.PLAIN);
            new Trainer(session, net, config).run(InMemorySource.blobs(256, SHAPE, 3, 16, 1),
                    InMemorySource.blobs(64, SHAPE, 3, 16, 2), new CancellationToken());
            return net.params().read();
        }
    }
}
