package vsam.backend.javacpp.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import vsam.backend.javacpp.NativeProbe;

/**
 * oneDNN on the CPU for one session: its engine. The CPU convolutions run as oneDNN primitives
 * (JIT-compiled for the machine's instruction set, in blocked layouts); the rest of the network stays in
 * the backend's own loops and OpenBLAS.
 *
 * <p>Threads: like OpenBLAS, oneDNN runs single-threaded inside each of the session's own threads, which
 * split a convolution by examples; its OpenMP runtime is set to one thread on every thread that calls
 * it ({@link OmpThreads}), so no OpenMP team ever spins against the session's threads. Each part of a
 * split uses its own primitives and stream ({@link DnnlConvolution}).
 *
 * <p>Every oneDNN call goes through {@link #check}, which turns a failed status into an exception naming
 * the call. Objects made through {@link Owner} are destroyed with it.
 */
final class Dnnl implements AutoCloseable {

    /** System property choosing the CPU convolution: {@code dnnl} (default) or {@code gemm} (im2col + sgemm). */
    static final String CONV_PROPERTY = "vsam.javacpp.conv";

    private static String unavailable;
    private static String version;

    private final dnnl_engine engine = new dnnl_engine();

    private Dnnl() {
        check(dnnl.dnnl_engine_create(engine, dnnl.dnnl_cpu, 0), "dnnl_engine_create");
    }

    /**
     * Loads oneDNN once; empty when it works, else the reason (missing natives, an unsupported machine).
     */
    static synchronized Optional<String> unavailable() {
        if (version == null && unavailable == null) {
            try {
                Loader.load(dnnl.class);
                OmpThreads.bind();
                dnnl_version_t v = dnnl.dnnl_version();
                version = "oneDNN " + v.major() + "." + v.minor() + "." + v.patch();
            } catch (Throwable t) {
                unavailable = NativeProbe.describe(t);
            }
        }
        return Optional.ofNullable(unavailable);
    }

    /** {@code "oneDNN x.y.z"}; only after {@link #unavailable()} came back empty. */
    static String version() {
        return version;
    }

    /**
     * oneDNN for a session, or empty when the convolutions are to use im2col + sgemm: when not
     * {@code wanted} or when oneDNN does not load (then the reason is logged once).
     */
    static Optional<Dnnl> forSession(boolean wanted) {
        if (!wanted) {
            return Optional.empty();
        }
        Optional<String> reason = unavailable();
        if (reason.isPresent()) {
            LogOnce.warn("oneDNN unavailable, convolutions use im2col + OpenBLAS sgemm: " + reason.get());
            return Optional.empty();
        }
        return Optional.of(new Dnnl());
    }

    /** Whether the default is oneDNN ({@value #CONV_PROPERTY} unset or {@code dnnl}); rejects other values. */
    static boolean wantedByDefault() {
        String choice = System.getProperty(CONV_PROPERTY, "dnnl");
        return switch (choice) {
            case "dnnl" -> true;
            case "gemm" -> false;
            default -> throw new IllegalArgumentException(
                    CONV_PROPERTY + " must be dnnl or gemm, got '" + choice + "'");
        };
    }

    /** Throws when a oneDNN call did not succeed. */
    static void check(int status, String call) {
        if (status != dnnl.dnnl_success) {
            throw new IllegalStateException("oneDNN " + call + " failed: " + statusName(status));
        }
    }

    private static String statusName(int status) {
        return switch (status) {
            case dnnl.dnnl_out_of_memory -> "out of memory";
            case dnnl.dnnl_invalid_arguments -> "invalid arguments";
            case dnnl.dnnl_unimplemented -> "unimplemented";
            case dnnl.dnnl_last_impl_reached -> "no implementation left";
            case dnnl.dnnl_runtime_error -> "runtime error";
            case dnnl.dnnl_not_required -> "not required";
            default -> "status " + status;
        };
    }

    /** Runs {@code p} with its argument table (from {@link Owner#args}) on {@code stream}, single-threaded, and waits. */
    static void execute(dnnl_primitive p, dnnl_stream stream, dnnl_exec_arg_t args, String what) {
        OmpThreads.ensure(1);
        long start = Blas.PROFILE ? System.nanoTime() : 0;
        check(dnnl.dnnl_primitive_execute(p, stream, (int) args.capacity(), args), what);
        check(dnnl.dnnl_stream_wait(stream), "dnnl_stream_wait");
        if (Blas.PROFILE) {
            // summed over the threads that run parts of a layer: thread time, not wall clock
            Profile.add("oneDNN " + what + " (thread time)", System.nanoTime() - start);
        }
    }

    dnnl_engine engine() {
        return engine;
    }

    @Override
    public void close() {
        dnnl.dnnl_engine_destroy(engine);
    }

    /** The implementation oneDNN chose for a primitive descriptor (e.g. {@code jit:avx512_core}). */
    static String implementation(dnnl_primitive_desc pd) {
        try (PointerPointer<BytePointer> out = new PointerPointer<>(1)) {
            check(dnnl.dnnl_primitive_desc_query(pd, dnnl.dnnl_query_impl_info_str, 0, out), "query impl");
            return out.get(BytePointer.class, 0).getString();
        }
    }

    /** Memory descriptors, primitive descriptors, primitives and memories that are destroyed together. */
    static final class Owner implements AutoCloseable {

        private final List<Runnable> destroy = new ArrayList<>();

        /** A plain f32 memory descriptor with the given dimensions and format tag. */
        dnnl_memory_desc desc(long[] dims, int tag) {
            dnnl_memory_desc d = new dnnl_memory_desc();
            check(dnnl.dnnl_memory_desc_create_with_tag(d, dims.length, dims, dnnl.dnnl_f32, tag),
                    "dnnl_memory_desc_create_with_tag");
            destroy.add(() -> dnnl.dnnl_memory_desc_destroy(d));
            return d;
        }

        /** A plain f32 memory descriptor with the given dimensions and strides (in elements). */
        dnnl_memory_desc strided(long[] dims, long[] strides) {
            dnnl_memory_desc d = new dnnl_memory_desc();
            check(dnnl.dnnl_memory_desc_create_with_strides(d, dims.length, dims, dnnl.dnnl_f32, strides),
                    "dnnl_memory_desc_create_with_strides");
            destroy.add(() -> dnnl.dnnl_memory_desc_destroy(d));
            return d;
        }

        dnnl_stream stream(dnnl_engine engine) {
            dnnl_stream s = new dnnl_stream();
            check(dnnl.dnnl_stream_create(s, engine, dnnl.dnnl_stream_default_flags), "dnnl_stream_create");
            destroy.add(() -> dnnl.dnnl_stream_destroy(s));
            return s;
        }

        /** Runs {@code action} when this owner closes (before the objects made earlier are destroyed). */
        void onClose(Runnable action) {
            destroy.add(action);
        }

        /** Takes ownership of a primitive descriptor created by the caller. */
        dnnl_primitive_desc own(dnnl_primitive_desc pd) {
            destroy.add(() -> dnnl.dnnl_primitive_desc_destroy(pd));
            return pd;
        }

        dnnl_primitive primitive(dnnl_primitive_desc pd) {
            dnnl_primitive p = new dnnl_primitive();
            check(dnnl.dnnl_primitive_create(p, pd), "dnnl_primitive_create");
            destroy.add(() -> dnnl.dnnl_primitive_destroy(p));
            return p;
        }

        /** A memory object over {@code data} (which the caller owns; may be replaced per call). */
        dnnl_memory memory(dnnl_memory_desc d, dnnl_engine engine, Pointer data) {
            dnnl_memory m = new dnnl_memory();
            check(dnnl.dnnl_memory_create(m, d, engine, data), "dnnl_memory_create");
            destroy.add(() -> dnnl.dnnl_memory_destroy(m));
            return m;
        }

        /** An argument table for {@link Dnnl#execute}: {@code (argKind, memory)} pairs. */
        dnnl_exec_arg_t args(Object... kindAndMemory) {
            int count = kindAndMemory.length / 2;
            dnnl_exec_arg_t a = new dnnl_exec_arg_t(count);
            for (int i = 0; i < count; i++) {
                a.position(i).arg((Integer) kindAndMemory[2 * i]).memory((dnnl_memory) kindAndMemory[2 * i + 1]);
            }
            a.position(0);
            destroy.add(a::close);
            return a;
        }

        @Override
        public void close() {
            for (int i = destroy.size() - 1; i >= 0; i--) {
                destroy.get(i).run();
            }
            destroy.clear();
        }
    }

    /** Logs a warning once per distinct message. */
    private static final class LogOnce {
        private static final java.util.Set<String> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

        static void warn(String message) {
            if (SEEN.add(message)) {
                System.getLogger("vsam.backend.javacpp").log(System.Logger.Level.WARNING, message);
            }
        }
    }
}
