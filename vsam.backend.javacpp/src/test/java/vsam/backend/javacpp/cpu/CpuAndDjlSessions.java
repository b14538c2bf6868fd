package vsam.backend.javacpp.cpu;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import vsam.api.Backends;
import vsam.api.Session;
import vsam.api.SessionOptions;

/**
 * A javacpp CPU session and a DJL session (both 2 threads), open for the parity test class that extends
 * this; the class is skipped, saying why, when the djl backend is not on the test path.
 */
abstract class CpuAndDjlSessions {

    /** The DJL (PyTorch) reference session. */
    static Session djl;
    /** The javacpp CPU session under test. */
    static CpuSession cpu;

    /** Skips the calling test unless the djl backend is on the test path. */
    static void assumeDjlPresent() {
        Assumptions.assumeTrue(Backends.discover().stream().anyMatch(b -> b.id().equals("djl")),
                "the djl backend is not on the test path (module vsam.backend.djl absent): parity tests skipped");
    }

    @BeforeAll
    static void open() {
        assumeDjlPresent();
        djl = Backends.byId("djl").open(new SessionOptions("cpu", 2));
        cpu = new CpuSession(2);
    }

    @AfterAll
    static void close() {
        if (cpu != null) {
            cpu.close();
            cpu = null;
        }
        if (djl != null) {
            djl.close();
            djl = null;
        }
    }
}
