package vsam.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** A long training loop does not leak native memory: every per-step tensor handle is closed. */
class MemoryTest {

    private static final int STEPS = Integer.getInteger("vsam.memory.steps", 2000);
    private static final int WARM_UP = 200;

    @Test
    void twoThousandStepsKeepResidentMemoryFlat() throws IOException {
        // one intra-op thread: a tiny model gains nothing from two, and spinning OpenMP workers make the
        // loop crawl when the machine is shared
        try (DjlSession session = Fixtures.session(1)) {
            ModelSpec spec = Models.mlp(Fixtures.MNIST, 10);
            Network network = session.build(spec, InitialWeights.generate(spec, 1), new LossOptions(0.1));
            Vec grad = session.zerosLike(network);
            Vec momentum = session.zerosLike(network);
            Vec saved = session.zerosLike(network);
            HostBatch[] batches = {Fixtures.randomBatch(1, 32, Fixtures.MNIST, 10), Fixtures.randomBatch(2, 32, Fixtures.MNIST, 10)};
            long atWarmUp = 0;
            int handlesAtWarmUp = 0;
            long start = System.nanoTime();
            for (int step = 1; step <= STEPS; step++) {
                try (DeviceBatch batch = session.upload(batches[step % 2])) {
                    network.lossAndGradient(batch, Pass.CLEAN, grad);
                    if (step % 5 == 0) { // a SAM-style second pass now and then
                        saved.copyFrom(network.params());
                        network.params().axpy((float) (0.05 / (grad.norm2() + 1e-12)), grad);
                        network.lossAndGradient(batch, Pass.PERTURBED, grad);
                        network.params().copyFrom(saved);
                    }
                    network.params().sgdStep(grad, momentum, 0.01f, 0.9f, 5e-4f, false);
                    if (step % 100 == 0) {
                        network.evaluate(batch);
                    }
                }
                if (step == WARM_UP) {
                    atWarmUp = residentKb();
                    handlesAtWarmUp = session.manager().getManagedArrays().size();
                }
                if (Boolean.getBoolean("vsam.memory.trace") && step % 200 == 0) {
                    System.out.println("[djl] step " + step + " VmRSS " + residentKb() + " kB, heap used "
                            + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1024 + " kB of "
                            + Runtime.getRuntime().totalMemory() / 1024);
                }
            }
            long atEnd = residentKb();
            int handlesAtEnd = session.manager().getManagedArrays().size();
            double seconds = (System.nanoTime() - start) / 1e9;
            long growthKb = atEnd - atWarmUp;
            System.out.printf("[djl] memory: VmRSS %d MB at step %d, %d MB at step %d (growth %+d kB);"
                            + " tensor handles held by the session %d then %d; %.0f steps/s%n",
                    atWarmUp / 1024, WARM_UP, atEnd / 1024, STEPS, growthKb, handlesAtWarmUp, handlesAtEnd, STEPS / seconds);
            assertEquals(handlesAtWarmUp, handlesAtEnd, "tensor handles held by the session");
            assertTrue(growthKb < Math.max(30 * 1024, atWarmUp / 10),
                    "resident memory grew by " + growthKb + " kB over " + (STEPS - WARM_UP) + " steps");
        }
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS line in /proc/self/status");
    }
}
