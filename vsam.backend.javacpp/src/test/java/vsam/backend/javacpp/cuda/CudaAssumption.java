package vsam.backend.javacpp.cuda;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips CUDA tests on a machine where {@code cuda:0} cannot be used, printing the probe's reason once
 * per test class (e.g. {@code cuda unavailable: UnsatisfiedLinkError: … libcuda.so.1 …}) so the skip is
 * never silent; called from {@code @BeforeEach}, so every test is reported as skipped with the reason.
 */
final class CudaAssumption {

    private static final Set<String> REPORTED = new HashSet<>();

    private CudaAssumption() {
    }

    /** Whether {@code cuda:0} can be used here (for {@code @BeforeAll} methods that open sessions). */
    static boolean available() {
        return CudaChecks.unavailableReason().isEmpty();
    }

    /** Aborts (skips) the calling test unless CUDA is usable. */
    static synchronized void assumeCuda(String testClass) {
        String reason = CudaChecks.unavailableReason();
        if (!reason.isEmpty() && REPORTED.add(testClass)) {
            System.out.println(testClass + " skipped: cuda unavailable: " + reason);
        }
        Assumptions.assumeTrue(reason.isEmpty(), "cuda unavailable: " + reason);
    }
}
