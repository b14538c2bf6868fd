package vsam.backend.javacpp.cpu;

import java.util.Map;
import java.util.TreeMap;

/**
 * Time spent per node kind and pass when {@code vsam.javacpp.profile} is set (benchmarks only), and the
 * GEMM counters of {@link Blas}: {@code report()} prints milliseconds per kind and the GEMM rate.
 */
public final class Profile {

    private static final Map<String, Long> NANOS = new TreeMap<>();

    private Profile() {
    }

    static synchronized void add(String key, long nanos) {
        NANOS.merge(key, nanos, Long::sum);
    }

    /** Whether profiling is on. */
    public static boolean enabled() {
        return Blas.PROFILE;
    }

    /** Clears every counter. */
    public static synchronized void reset() {
        NANOS.clear();
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
        return b.toString();
    }
}
