package vsam.algorithm.run;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import vsam.api.Session;
import vsam.api.config.RunConfig;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.api.vector.Vec;

/**
 * Untimed passes that bring a freshly started process up to speed before its first timed run of a
 * given shape, so that a comparison does not charge the process's start-up (the JIT compiling the step,
 * the backend creating its kernels, the allocator growing) to whichever method runs first; how slow the
 * first steps were: docs/STACK.md, "Measured speed traps" (first steps of a process).
 *
 * <p>What: on a throw-away network built in the run's own session from the run's spec, a synthetic
 * batch of the run's batch size goes through {@value #ITERATIONS} iterations of a clean and a perturbed
 * pass plus a vector update, and one evaluation. Nothing of the run is touched: its network, data
 * order, random streams and BatchNorm statistics are the same with or without the warm-up. Done once
 * per process for each backend, device, thread count, model and batch size.
 */
public final class BackendWarmUp {

    /** Iterations of clean + perturbed pass; covers the slow start docs/STACK.md describes. */
    static final int ITERATIONS = 20;

    private static final Set<String> DONE = new HashSet<>();

    private BackendWarmUp() {
    }

    /**
     * Warms {@code session} up for runs of {@code config} on {@code spec}, unless this process already
     * did so for the same shape.
     *
     * @return whether passes were run
     */
    public static boolean once(Session session, ModelSpec spec, RunConfig config) {
        String key = String.join("|", config.backend(), config.device(), String.valueOf(config.threads()),
                spec.id(), spec.input().toString(), String.valueOf(config.batchSize()));
        synchronized (DONE) {
            if (!DONE.add(key)) {
                return false;
            }
        }
        run(session, spec, config.batchSize());
        return true;
    }

    /** {@value #ITERATIONS} clean and perturbed passes and one evaluation on a throw-away network. */
    static void run(Session session, ModelSpec spec, int batchSize) {
        Network net = session.build(spec, InitialWeights.generate(spec, 1), LossOptions.PLAIN);
        Vec grad = session.zerosLike(net);
        try (DeviceBatch batch = session.upload(syntheticBatch(spec, batchSize))) {
            for (int i = 0; i < ITERATIONS; i++) {
                net.lossAndGradient(batch, Pass.CLEAN, grad);
                net.lossAndGradient(batch, Pass.PERTURBED, grad);
                net.params().axpy(-1e-3f, grad);
            }
            net.evaluate(batch);
        }
    }

    private static HostBatch syntheticBatch(ModelSpec spec, int size) {
        SplittableRandom random = new SplittableRandom(size);
        float[] features = new float[size * spec.input().elements()];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(spec.classes());
        }
        return new HostBatch(features, labels, size, spec.input());
    }
}
