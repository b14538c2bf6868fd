package vsam.backend.javacpp.cpu;

import java.io.IOException;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * Sets the OpenMP thread count that oneDNN's primitives use, through {@code omp_set_num_threads} of the
 * OpenMP runtime oneDNN calls (no preset maps that function).
 *
 * <p>Which runtime that is depends on the process: oneDNN's preset ships one ({@code libgomp.so.1}), but
 * libdnnl binds its OpenMP imports when it loads, in the global scope first, so after libtorch (whose
 * renamed copy DJL loads globally) it calls libtorch's. A lookup by name can answer either way, so the
 * runtime is found from libdnnl's own binding of {@code omp_get_max_threads} ({@link LoadedLibrary}).
 *
 * <p>OpenMP keeps the count per calling thread (the {@code nthreads-var} ICV), and oneDNN reads it both
 * when it creates a primitive (to partition work) and when it runs one, so {@link #ensure} is called on
 * every thread before it does either; it costs one thread-local read after the first call. The call goes
 * through JavaCPP's {@code void(int)} function pointer type that the OpenBLAS preset itself uses to set
 * MKL's and OpenBLAS's thread counts by symbol address.
 */
final class OmpThreads {

    /** The end of the path of oneDNN's library in JavaCPP's cache. */
    static final String ONE_DNN_LIBRARY = "/org/bytedeco/dnnl/linux-x86_64/libdnnl.so.3";
    private static final String FUNCTION = "omp_set_num_threads";

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
            setter = new SetNumThreads(new LoadedLibrary.Address(locate()));
        }
    }

    /** Where the {@code omp_set_num_threads} of the OpenMP runtime that libdnnl calls is. */
    private static long locate() {
        try {
            Optional<LoadedLibrary> dnnl = LoadedLibrary.find(ONE_DNN_LIBRARY);
            if (dnnl.isPresent()) {
                long bound = dnnl.get().boundImport("omp_get_max_threads");
                return LoadedLibrary.containing(bound).exported(FUNCTION);
            }
        } catch (IOException | RuntimeException e) {
            warn("could not read libdnnl's OpenMP binding (" + e.getMessage() + ")");
        }
        Pointer byName = Loader.addressof(FUNCTION);
        if (byName == null || byName.isNull()) {
            throw new IllegalStateException(FUNCTION + " not found in the loaded libraries");
        }
        warn("using " + FUNCTION + " by name; oneDNN may run more threads than the session's");
        return byName.address();
    }

    private static void warn(String message) {
        System.getLogger("vsam.backend.javacpp").log(System.Logger.Level.WARNING, message);
    }

    /** The file of the OpenMP runtime whose thread count this sets, for diagnostics and tests. */
    static synchronized String boundLibrary() throws IOException {
        return LoadedLibrary.pathContaining(setter.get().address()).orElse("?");
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
