package vsam.backend.javacpp.cuda;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import vsam.api.Session;

/**
 * A CPU and a CUDA session of the javacpp backend, open for the test class that extends this, and every
 * test of it skipped with the probe's reason printed where CUDA is unavailable ({@link CudaAssumption}).
 */
abstract class CpuAndCudaSessions {

    /** The CPU reference session; null where CUDA is unavailable. */
    static Session cpu;
    /** The CUDA session; null where CUDA is unavailable. */
    static Session cuda;

    @BeforeAll
    static void open() {
        if (CudaAssumption.available()) {
            cpu = CudaChecks.openCpu();
            cuda = CudaChecks.openCuda();
        }
    }

    @BeforeEach
    void requireCuda() {
        CudaAssumption.assumeCuda(getClass().getSimpleName());
    }

    @AfterAll
    static void close() {
        if (cuda != null) {
            cuda.close();
            cuda = null;
        }
        if (cpu != null) {
            cpu.close();
            cpu = null;
        }
    }
}
