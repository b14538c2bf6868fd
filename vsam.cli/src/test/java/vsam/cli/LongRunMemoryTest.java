package vsam.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vsam.algorithm.optim.BaseOptimizers;
import vsam.algorithm.step.Method;
import vsam.algorithm.step.Methods;
import vsam.algorithm.step.SharpnessAwareStep;
import vsam.api.Backends;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.config.MethodConfig;
import vsam.api.config.OptimizerConfig;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;

/**
 * 10,000 vSAM steps on {@code mlp} with each backend keep the process's resident memory flat after
 * warm-up (within 5% or 16 MB, whichever is larger: the JVM heap is fixed by the surefire argLine), and
 * closing the session gives its native memory back. Prints the figures.
 */
class LongRunMemoryTest {

    private static final int STEPS = 10_000;
    private static final int WARMUP = 1_000;

    @ParameterizedTest
    @ValueSource(strings = {"djl", "javacpp"})
    void tenThousandVsamStepsKeepResidentMemoryFlat(String backendId) throws IOException {
        Shape shape = new Shape(1, 28, 28);
        ModelSpec spec = Models.mlp(shape, 10);
        int batch = 16;
        float[] x = new float[batch * shape.elements()];
        int[] y = new int[batch];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < batch; i++) {
            y[i] = r.nextInt(10);
        }
        HostBatch host = new HostBatch(x, y, batch, shape);
        long before = residentKb();
        long atWarmup = 0;
        long atEnd;
        try (Session session = Backends.require(backendId, "cpu").open(new SessionOptions("cpu", 1))) {
            Network net = session.build(spec, InitialWeights.generate(spec, 1), LossOptions.PLAIN);
            Method method = Methods.create(MethodConfig.defaults("vsam"), 1_000, STEPS, 1, () -> session.zerosLike(net));
            SharpnessAwareStep step = new SharpnessAwareStep(net, method,
                    BaseOptimizers.create(OptimizerConfig.sgd(0.01, 0.9, 5e-4), () -> session.zerosLike(net)),
                    net.segments().last(10), () -> session.zerosLike(net));
            for (int t = 0; t < STEPS; t++) {
                try (DeviceBatch b = session.upload(host)) {
                    step.run(b, 0.01f, t, STEPS);
                }
                if (t + 1 == WARMUP) {
                    atWarmup = residentKb();
                }
            }
            atEnd = residentKb();
        }
        long afterClose = residentKb();
        long growth = atEnd - atWarmup;
        System.out.printf("[%s] VmRSS kB: before %d, after %d warm-up steps %d, after %d steps %d (%+.1f%%), after close %d%n",
                backendId, before, WARMUP, atWarmup, STEPS, atEnd, 100.0 * growth / atWarmup, afterClose);
        assertTrue(growth <= Math.max(0.05 * atWarmup, 16 * 1024),
                backendId + ": resident memory grew by " + growth + " kB over " + (STEPS - WARMUP) + " steps");
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
