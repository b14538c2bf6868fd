package vsam.backend.javacpp.cpu;

import java.util.Map;
import java.util.TreeMap;

/**
 * Time spent per node kind and pass when {@code vsam.javacpp.profile} is set (benchmarks and profiles
 * only; off by default, and then every probe is one branch on a {@code static final} constant), the GEMM
 * counters of {@link Blas} and the convolutions' operation count: {@code report()} prints milliseconds
 * per kind, the GEMM rate and the convolutions' rate. Only training passes are timed (evaluation passes are
 * left out); the loss is the key {@code SoftmaxCrossEntropy}. A session closed with profiling on prints the
 * report per training pass on standard error (see docs/STACK.md, "Measured speed traps").
 */
public final class Profile {

    private static final Map<String, Long> NANOS = new TreeMap<>();
    private static long convFlops;
    private static long passes;

    private Profile() {
    }

    static synchronized void add(String key, long nanos) {
        NANOS.merge(key, nanos, Long::sum);
    }

    /** Counts the floating-point operations of convolution products ({@code 2·N·Cout·Ho·Wo·Cin·k·k} each). */
    static synchronized void addConvFlops(long flops) {
        convFlops += flops;
    }

    /** Counts one training pass (forward, loss, backward) of a network. */
    static synchronized void countPass() {
        passes++;
    }

    /** Training passes counted since the last reset. */
    public static synchronized long passes() {
        return passes;
    }

    /** Whether profiling is on. */
    public static boolean enabled() {
        return Blas.PROFILE;
    }

    /** Clears every counter. */
    public static synchronized void reset() {
        NANOS.clear();
        convFlops = 0;
        passes = 0;
        Blas.resetCounters();
    }

    /** GEMM rate in GFLOP/s over the calls since the last reset (0 when none). */
    public static double gemmGflops() {
        long[] c = Blas.gemmCounters();
        return c[1] == 0 ? 0 : (double) c[0] / c[1];
    }

    /** One line per node kind: total milliseconds divided by {@code steps}, and the GEMM share. */
    public static synchronized String report(int steps) {
        StringBuilder b = new StringBuilder();
        NANOS.forEach((k, v) -> b.append(String.format("  %-26s %8.2f ms/step%n", k, v / 1e6 / steps)));
        long[] c = Blas.gemmCounters();
        b.append(String.format("  %-26s %8.2f ms/step, %.1f GFLOP/s%n", "sgemm (inside the above)",
                c[1] / 1e6 / steps, gemmGflops()));
        long conv = NANOS.getOrDefault("Conv.forward", 0L) + NANOS.getOrDefault("Conv.backward", 0L);
        if (conv > 0) {
            b.append(String.format("  %-26s %8.2f ms/step, %.1f GFLOP/s (wall clock, all threads)%n",
                    "convolutions (all passes)", conv / 1e6 / steps, (double) convFlops / conv));
        }
        return b.toString();
    }
}
