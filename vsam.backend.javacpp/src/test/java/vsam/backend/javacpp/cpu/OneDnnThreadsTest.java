package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.backend.javacpp.Fixtures;

/**
 * oneDNN runs single-threaded inside the session's threads even in a process where libtorch (with its
 * own copy of the OpenMP runtime, exporting the same names, loaded globally) came first and libdnnl
 * bound to that copy: a convolution pass starts the session's native workers and no OpenMP threads.
 */
class OneDnnThreadsTest extends CpuAndDjlSessions {

    private static long threadsOfThisProcess() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.count();
        }
    }

    @Test
    void convolutionsStartNoOpenMpTeam() throws IOException {
        Assumptions.assumeTrue(cpu.convolutions().startsWith("oneDNN"), "oneDNN did not load: "
                + CpuSession.defaultConvolutions());
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1,
                "one processor: an OpenMP team would have no extra threads to show");
        System.out.println("oneDNN's OpenMP runtime here: " + OmpThreads.boundLibrary());
        try (CpuSession s = new CpuSession(2, true)) {
            // the session's own worker threads start with its first split; an mlp has no convolution
            ModelSpec mlp = Models.mlp(new Shape(1, 8, 8), 4);
            Network warm = s.build(mlp, InitialWeights.generate(mlp, 1), LossOptions.PLAIN);
            try (DeviceBatch b = s.upload(Fixtures.batch(64, mlp.input(), 4, 1))) {
                warm.lossAndGradient(b, Pass.CLEAN, s.zerosLike(warm));
            }
            long before = threadsOfThisProcess();
            ModelSpec cnn = Models.cnnS(new Shape(1, 12, 12), 4);
            Network net = s.build(cnn, InitialWeights.generate(cnn, 1), LossOptions.PLAIN);
            try (DeviceBatch b = s.upload(Fixtures.batch(16, cnn.input(), 4, 1))) {
                net.lossAndGradient(b, Pass.CLEAN, s.zerosLike(net));
            }
            // the session's two native workers, and no OpenMP team inside them
            assertEquals(before + 2, threadsOfThisProcess(), "threads started by a oneDNN convolution pass");
        }
    }
}
