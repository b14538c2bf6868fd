package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.algorithm.optim.Sgd;
import vsam.algorithm.step.Method;
import vsam.algorithm.step.Methods;
import vsam.algorithm.step.SharpnessAwareStep;
import vsam.algorithm.step.StepOutcome;
import vsam.api.Backends;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.config.MethodConfig;
import vsam.api.config.VsamConfig;
import vsam.api.config.Warmup;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.BatchSource;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.backend.javacpp.Fixtures;
import vsam.testkit.InMemorySource;

/**
 * 50 training steps from one seed on the same batches end at the same parameters on javacpp and on
 * DJL (1e-3 relative L2), for plain SGD and for vSAM (whose seeded sampling decisions must coincide).
 */
class TrainingParityTest {

    private static final int STEPS = 50;
    private static final int BATCH = Integer.getInteger("vsam.parity.batch", 16);
    private static final float LR = Float.parseFloat(System.getProperty("vsam.parity.lr", "0.05"));
    private static final ModelSpec SPEC = Models.byId(System.getProperty("vsam.parity.model", "mlp"), new Shape(1, 12, 12), 4);

    private record Run(float[] params, List<Boolean> sampled) {
    }

    private static Run train(Session session, String methodName) {
        Network net = session.build(SPEC, InitialWeights.generate(SPEC, 21), new LossOptions(0.1));
        MethodConfig base = MethodConfig.defaults(methodName);
        MethodConfig config = base.params() instanceof VsamConfig
                ? base.withParams(VsamConfig.defaults().withWindow(10, 5).withWarmup(Warmup.iterations(10))) : base;
        Method method = Methods.create(config, 10, STEPS, 21, () -> session.zerosLike(net));
        Sgd sgd = new Sgd(session.zerosLike(net), 0.9, 5e-4, false);
        SharpnessAwareStep step = new SharpnessAwareStep(net, method, sgd, net.segments().last(10),
                () -> session.zerosLike(net));
        BatchSource source = InMemorySource.blobs(BATCH * 10, SPEC.input(), SPEC.classes(), BATCH, 5);
        List<Boolean> sampled = new ArrayList<>();
        int it = 0;
        for (int epoch = 0; it < STEPS; epoch++) {
            try (BatchSource.Batches batches = source.epoch(epoch)) {
                while (batches.hasNext() && it < STEPS) {
                    HostBatch host = batches.next();
                    try (DeviceBatch b = session.upload(host)) {
                        StepOutcome out = step.run(b, LR, it, STEPS);
                        sampled.add(out.sampled());
                    }
                    it++;
                }
            }
        }
        return new Run(net.params().read(), sampled);
    }

    private static void assertSameTraining(String method) {
        CpuAndDjlSessions.assumeDjlPresent();
        Run a;
        Run b;
        try (Session cpu = new CpuSession(2)) {
            a = train(cpu, method);
        }
        try (Session djl = Backends.byId("djl").open(new SessionOptions("cpu", 2))) {
            b = train(djl, method);
        }
        assertEquals(b.sampled(), a.sampled(), "sampling decisions");
        double rel = Fixtures.relativeL2(a.params(), b.params(), 0, a.params().length);
        System.out.printf("%s: %d steps (%d SAM steps), javacpp vs djl parameters differ by %.2e (relative L2)%n",
                method, STEPS, a.sampled().stream().filter(x -> x).count(), rel);
        assertTrue(rel <= 1e-3, method + ": parameters after " + STEPS + " steps differ by " + rel + " (relative L2)");
    }

    @Test
    void fiftySgdStepsAgreeWithDjl() {
        assertSameTraining("sgd");
    }

    @Test
    void fiftyVsamStepsAgreeWithDjl() {
        assertSameTraining("vsam");
    }
}
