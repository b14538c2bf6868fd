package vsam.backend.javacpp.cpu;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Row-major single-precision GEMM on native memory through OpenBLAS's {@code cblas_sgemm}:
 * {@code C ← alpha · op(A) · op(B) + beta · C} with {@code op(A)} of shape {@code m × k} and
 * {@code op(B)} of shape {@code k × n}.
 */
final class Blas {

    /** Whether GEMM calls are timed (system property {@code vsam.javacpp.profile}); for benchmarks. */
    static final boolean PROFILE = Boolean.getBoolean("vsam.javacpp.profile");
    private static final java.util.concurrent.atomic.LongAdder FLOPS = new java.util.concurrent.atomic.LongAdder();
    private static final java.util.concurrent.atomic.LongAdder NANOS = new java.util.concurrent.atomic.LongAdder();

    private Blas() {
    }

    /**
     * {@code {floating-point operations, nanoseconds}} spent in GEMM calls since the last reset (when
     * profiling); nanoseconds are summed over threads, so the ratio is the rate of one thread.
     */
    static long[] gemmCounters() {
        return new long[] {FLOPS.sum(), NANOS.sum()};
    }

    static void resetCounters() {
        FLOPS.reset();
        NANOS.reset();
    }

    /**
     * @param transA whether {@code A} is stored as {@code k × m} (so {@code op(A) = Aᵀ})
     * @param transB whether {@code B} is stored as {@code n × k}
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     FloatPointer a, int lda, FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        long start = PROFILE ? System.nanoTime() : 0;
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        if (PROFILE) {
            NANOS.add(System.nanoTime() - start);
            FLOPS.add(2L * m * n * k);
        }
    }

    /** {@code x ← a · x} over {@code n} floats ({@code cblas_sscal}). */
    static void scale(int n, float a, FloatPointer x) {
        openblas_nolapack.cblas_sscal(n, a, x, 1);
    }

    /** Sets OpenBLAS's thread count (process-wide). */
    static void threads(int n) {
        openblas_nolapack.blas_set_num_threads(n);
    }
}
