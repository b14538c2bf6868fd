package vsam.backend.javacpp.cpu;

import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vsam.api.Backends;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.api.vector.Vec;
import vsam.backend.javacpp.Fixtures;

/**
 * The CPU speed yardstick of issue 4, not a timed test (tag {@code benchmark}, excluded by default):
 * {@code cnn-s} SGD training steps per second at batch 128 on Fashion-MNIST-shaped synthetic batches,
 * javacpp and djl side by side in one JVM (upload, CLEAN forward/backward, fused SGD update; rounds
 * alternate between the backends), and the raw {@code sgemm} rate OpenBLAS reaches alone.
 *
 * <pre>
 * GLIBC_TUNABLES=glibc.malloc.mmap_threshold=16777216:glibc.malloc.trim_threshold=1073741824 \
 *   mvn -o -q test -pl vsam.backend.javacpp -Dvsam.excludedGroups=none -Dtest=CpuBenchmark \
 *   [-Dvsam.bench.steps=40] [-Dvsam.bench.threads=2] [-Dvsam.javacpp.profile=true]
 * </pre>
 */
@Tag("benchmark")
class CpuBenchmark {

    private static final int BATCH = 128;

    @Test
    void cnnSStepsPerSecond() {
        stepsPerSecond(Models.cnnS(new Shape(1, 28, 28), 10), true);
    }

    /** The same for vit-tiny (docs/ARCHITECTURE.md, "Transformer layers"), without the raw sgemm rates. */
    @Test
    void vitTinyStepsPerSecond() {
        stepsPerSecond(Models.byId("vit-tiny", new Shape(1, 28, 28), 10), false);
    }

    private static void stepsPerSecond(ModelSpec spec, boolean sgemmRates) {
        int steps = Integer.getInteger("vsam.bench.steps", 40);
        int threads = Integer.getInteger("vsam.bench.threads", 2);
        HostBatch[] batches = new HostBatch[4];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = Fixtures.batch(BATCH, spec.input(), 10, 100 + i);
        }
        try (Session javacpp = new CpuSession(threads);
             Session djl = Backends.byId("djl").open(new SessionOptions("cpu", threads))) {
            Runner a = new Runner(javacpp, spec, batches);
            Runner b = new Runner(djl, spec, batches);
            a.run(10);
            b.run(10);
            double bestA = 0;
            double bestB = 0;
            for (int round = 0; round < 2; round++) {
                if (Profile.enabled()) {
                    Profile.reset();
                }
                bestA = Math.max(bestA, a.run(steps));
                if (Profile.enabled() && round == 1) {
                    System.out.print("javacpp " + spec.id() + " per-node time:\n" + Profile.report(steps));
                }
                bestB = Math.max(bestB, b.run(steps));
            }
            System.out.printf("%s batch %d, %d threads, %d steps x 2 rounds (best): javacpp %.2f steps/s, djl %.2f steps/s,"
                    + " ratio %.2f%n", spec.id(), BATCH, threads, steps, bestA, bestB, bestA / bestB);
            if (sgemmRates) {
                double raw = rawSgemm(1024, 1024, 1024);
                double convShaped = rawSgemm(32, 128 * 196, 288);
                System.out.printf("raw sgemm 1024^3 %.1f GFLOP/s, conv-shaped sgemm 32x25088x288 %.1f GFLOP/s%n", raw, convShaped);
            }
        }
    }

    /** GFLOP/s of {@code C[m][n] = A[m][k]·B[k][n]} on native memory, best of a few timed repetitions. */
    static double rawSgemm(int m, int n, int k) {
        Random r = new Random(1);
        try (FloatPointer a = new FloatPointer((long) m * k); FloatPointer b = new FloatPointer((long) k * n);
             FloatPointer c = new FloatPointer((long) m * n)) {
            for (long i = 0; i < (long) m * k; i++) {
                a.put(i, r.nextFloat());
            }
            for (long i = 0; i < (long) k * n; i++) {
                b.put(i, r.nextFloat());
            }
            double best = 0;
            for (int rep = 0; rep < 12; rep++) {
                long t0 = System.nanoTime();
                Blas.gemm(false, false, m, n, k, 1f, a, k, b, n, 0f, c, n);
                long t = System.nanoTime() - t0;
                best = Math.max(best, 2.0 * m * n * k / t);
            }
            return best;
        }
    }

    /** SGD steps of one backend on a fixed set of batches. */
    private static final class Runner {
        private final Session session;
        private final Network net;
        private final Vec grad;
        private final Vec momentum;
        private final HostBatch[] batches;
        private int next;

        Runner(Session session, ModelSpec spec, HostBatch[] batches) {
            this.session = session;
            this.net = session.build(spec, InitialWeights.generate(spec, 1), new LossOptions(0.1));
            this.grad = session.zerosLike(net);
            this.momentum = session.zerosLike(net);
            this.batches = batches;
        }

        /** Runs {@code steps} steps and returns steps per second. */
        double run(int steps) {
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                try (DeviceBatch b = session.upload(batches[next++ % batches.length])) {
                    net.lossAndGradient(b, Pass.CLEAN, grad);
                }
                net.params().sgdStep(grad, momentum, 0.01f, 0.9f, 5e-4f, false);
            }
            return steps / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
