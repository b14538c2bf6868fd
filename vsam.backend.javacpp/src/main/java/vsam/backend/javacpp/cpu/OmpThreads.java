package vsam.backend.javacpp.cpu;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * Sets the OpenMP thread count that oneDNN's primitives use, through {@code omp_set_num_threads} of the
 * OpenMP runtime shipped with oneDNN's preset (no preset maps that function).
 *
 * <p>OpenMP keeps the count per calling thread (the {@code nthreads-var} ICV), and oneDNN reads it both
 * when it creates a primitive (to partition work) and when it runs one, so {@link #ensure} is called on
 * every thread before it does either; it costs one thread-local read after the first call. The call goes
 * through JavaCPP's {@code void(int)} function pointer type that the OpenBLAS preset itself uses to set
 * MKL's and OpenBLAS's thread counts by symbol address.
 */
final class OmpThreads {

    /** A {@code void (*)(int)} pointing at {@code omp_set_num_threads}. */
    private static final class SetNumThreads extends openblas_nolapack.SetNumThreads {
        SetNumThreads(Pointer function) {
            super();
            put(function);
        }
    }

    private static SetNumThreads setter;
    private static final ThreadLocal<Integer> SET_HERE = new ThreadLocal<>();

    private OmpThreads() {
    }

    /** Binds {@code omp_set_num_threads}; call after oneDNN's libraries are loaded. */
    static synchronized void bind() {
        if (setter == null) {
            Pointer function = Loader.addressof("omp_set_num_threads");
            if (function == null || function.isNull()) {
                throw new IllegalStateException("omp_set_num_threads not found in the loaded libraries");
            }
            setter = new SetNumThreads(function);
        }
    }

    /** Makes OpenMP regions started from the calling thread use {@code threads} threads. */
    static void ensure(int threads) {
        Integer current = SET_HERE.get();
        if (current == null || current != threads) {
            setter.call(threads);
            SET_HERE.set(threads);
        }
    }
}
