package vsam.backend.djl;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.api.vector.Vec;

/**
 * Prints (does not assert) the training throughput of cnn-s at batch 128 on 2 threads: per step one
 * upload, one CLEAN forward/backward and the fused SGD update, the loop of the CPU speed yardstick.
 * Reports the mean over the timed steps and the median and fastest single step (the median is the
 * figure to trust on a shared machine). {@code -Dvsam.bench.steps=N} runs longer (default 40 timed
 * steps after 10 warm-up steps).
 */
class ThroughputReport {

    @Test
    void cnnSBatch128TwoThreads() {
        int steps = Integer.getInteger("vsam.bench.steps", 40);
        int warmUp = 10;
        int batchSize = 128;
        try (DjlSession session = Fixtures.session(2)) {
            ModelSpec spec = Models.cnnS(Fixtures.MNIST, 10);
            Network network = session.build(spec, InitialWeights.generate(spec, 1), new LossOptions(0.1));
            Vec grad = session.zerosLike(network);
            Vec momentum = session.zerosLike(network);
            HostBatch[] batches = new HostBatch[4];
            for (int i = 0; i < batches.length; i++) {
                batches[i] = Fixtures.randomBatch(i, batchSize, Fixtures.MNIST, 10);
            }
            double[] millis = new double[steps];
            long start = 0;
            for (int step = 0; step < warmUp + steps; step++) {
                long t0 = System.nanoTime();
                if (step == warmUp) {
                    start = t0;
                }
                try (DeviceBatch batch = session.upload(batches[step % batches.length])) {
                    network.lossAndGradient(batch, Pass.CLEAN, grad);
                    network.params().sgdStep(grad, momentum, 0.05f, 0.9f, 5e-4f, false);
                }
                if (step >= warmUp) {
                    millis[step - warmUp] = (System.nanoTime() - t0) / 1e6;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(millis);
            double median = millis[steps / 2];
            System.out.printf("[djl] cnn-s, batch %d, %d threads, %d steps: mean %.1f steps/s = %.0f img/s;"
                            + " median step %.1f ms = %.0f img/s; fastest %.1f ms%n",
                    batchSize, PyTorchRuntime.threads(), steps, steps / seconds, steps * batchSize / seconds,
                    median, 1000 * batchSize / median, millis[0]);
        }
    }
}
