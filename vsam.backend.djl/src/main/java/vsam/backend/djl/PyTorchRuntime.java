package vsam.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.atomic.AtomicInteger;
import vsam.api.BackendException;

/**
 * The process-wide PyTorch engine, loaded on first use and never before.
 *
 * <p>Loading runs once per JVM: it sets {@code ai.djl.offline=true} (unless the property is already
 * set, so that a missing native piece fails at once instead of trying the network), asks DJL for the
 * {@code PyTorch} engine (which unpacks and loads libtorch) and remembers either the engine or the
 * reason it failed. A failure is not retried: the reason is reported by every later probe.
 *
 * <p>Thread count: {@code torch::set_num_threads} through {@link JniUtils#setNumThreads(int)}. It is
 * global to the process (libtorch stores it and every thread picks it up on its first parallel
 * region), so the last session opened with an explicit count wins. DJL's own system property
 * {@code ai.djl.pytorch.num_threads} is only read when the engine loads; inter-op threads are left
 * alone (the training loop issues one operation at a time). At a given thread count the gradients of
 * full-precision networks (mlp, cnn-s, small residual networks, resnet18) were bit-identical from
 * session to session and process to process; 1 and 2 threads differ by float rounding (~1e-6 relative
 * per tensor), well inside the parity tests' tolerances, so the tests may run at either.
 */
final class PyTorchRuntime {

    /** DJL's name of the engine. */
    static final String ENGINE_NAME = "PyTorch";

    private static final AtomicInteger LOAD_ATTEMPTS = new AtomicInteger();
    private static Engine engine;
    private static String failure;

    private PyTorchRuntime() {
    }

    /**
     * The loaded engine.
     *
     * @throws BackendException with the reason when the engine cannot be loaded
     */
    static synchronized Engine engine() {
        if (engine != null) {
            return engine;
        }
        if (failure == null) {
            LOAD_ATTEMPTS.incrementAndGet();
            if (System.getProperty("ai.djl.offline") == null) {
                System.setProperty("ai.djl.offline", "true");
            }
            try {
                engine = Engine.getEngine(ENGINE_NAME);
                return engine;
            } catch (Throwable t) { // NOPMD: UnsatisfiedLinkError, NoClassDefFoundError and friends are the point
                failure = reason(t);
            }
        }
        throw new BackendException("PyTorch could not be loaded: " + failure);
    }

    /** One line describing the loaded engine: versions, intra-op threads, the convolutions' memory format. */
    static String describe() {
        Engine e = engine();
        return "PyTorch " + e.getVersion() + " via DJL " + Engine.getDjlVersion() + ", "
                + JniUtils.getNumThreads() + " intra-op threads, convolution outputs "
                + (LayerOp.channelsLastByDefault() ? "channels-last" : "NCHW");
    }

    /** Sets libtorch's intra-op thread count for the whole process. */
    static void setThreads(int threads) {
        engine();
        JniUtils.setNumThreads(threads);
    }

    /** libtorch's current intra-op thread count. */
    static int threads() {
        engine();
        return JniUtils.getNumThreads();
    }

    /** How many times loading the engine was attempted (0 or 1): lets tests check that discovery is lazy. */
    static int loadAttempts() {
        return LOAD_ATTEMPTS.get();
    }

    /** A one-line reason: the outermost failure and its root cause. */
    static String reason(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = t.getClass().getSimpleName() + ": " + t.getMessage();
        return root == t ? outer : outer + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
