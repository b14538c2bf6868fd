package vsam.backend.javacpp.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vsam.api.BackendException;
import vsam.api.Session;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.vector.Vec;

/**
 * A session of the {@code javacpp} backend on the CPU: owns an {@link Arena} holding every native
 * allocation (vectors, networks' activations and BatchNorm buffers, batch buffers) and the worker
 * threads. Layers are split over the session's threads by examples (channels for BatchNorm), each
 * thread calling a single-threaded OpenBLAS. {@link #close()} frees all.
 */
public final class CpuSession implements Session {

    private final Arena arena = new Arena();
    private final Parallel parallel;
    private final Optional<Dnnl> dnnl;
    private final List<NativeFloats> freeBatchBuffers = new ArrayList<>();
    private final List<CpuNetwork> networks = new ArrayList<>();
    private boolean closed;

    /**
     * A session whose convolutions use oneDNN unless the system property {@code vsam.javacpp.conv} is
     * {@code gemm} (or oneDNN does not load).
     *
     * @param threads threads for OpenBLAS, oneDNN and the Java loops; 0 = available processors
     */
    public CpuSession(int threads) {
        this(threads, Dnnl.wantedByDefault());
    }

    /**
     * @param threads threads for OpenBLAS, oneDNN and the Java loops; 0 = available processors
     * @param oneDnn  whether convolutions use oneDNN (when it loads) rather than im2col + OpenBLAS sgemm
     */
    public CpuSession(int threads, boolean oneDnn) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        // OpenBLAS runs single-threaded inside each of the session's own threads, which split every layer
        // by examples: no oversubscription with OpenBLAS's spinning workers, no fork/join inside a GEMM.
        Blas.threads(1);
        parallel = new Parallel(n);
        dnnl = Dnnl.forSession(oneDnn);
    }

    /**
     * How BatchNorm's and ReLU's loops run: on SIMD lanes of the Vector API, or one element at a time (a JVM
     * without {@code jdk.incubator.vector}, a JDK after 18, or {@code -Dvsam.javacpp.simd=false}); and whether a
     * session opened now keeps activations in oneDNN's blocked layout between convolutions.
     */
    public static String elementLoops() {
        String loops = ElementLoops.simd() ? "BatchNorm/ReLU on " + VectorLoops.lanes() + " SIMD lanes" : "BatchNorm/ReLU scalar";
        boolean oneDnn = defaultConvolutions().startsWith("oneDNN");
        return CpuNetwork.blockedLayout(oneDnn) ? loops + ", activations in oneDNN's blocked layout between convolutions"
                : loops;
    }

    /**
     * How a session opened now with the default choice would convolve: {@code "oneDNN x.y.z"}, or
     * {@code "im2col + OpenBLAS sgemm"} with the reason when oneDNN is not used.
     */
    public static String defaultConvolutions() {
        boolean wanted;
        try {
            wanted = Dnnl.wantedByDefault();
        } catch (IllegalArgumentException e) {
            return "im2col + OpenBLAS sgemm (" + e.getMessage() + ")";
        }
        if (!wanted) {
            return "im2col + OpenBLAS sgemm (" + Dnnl.CONV_PROPERTY + "=gemm)";
        }
        return Dnnl.unavailable().map(r -> "im2col + OpenBLAS sgemm (oneDNN unavailable: " + r + ")")
                .orElseGet(Dnnl::version);
    }

    /** How this session convolves: {@code "oneDNN x.y.z"} or {@code "im2col + OpenBLAS sgemm"}. */
    public String convolutions() {
        return dnnl.isPresent() ? Dnnl.version() : "im2col + OpenBLAS sgemm";
    }

    @Override
    public String device() {
        return "cpu";
    }

    /** Threads used by OpenBLAS and the Java loops. */
    public int threads() {
        return parallel.threads();
    }

    /** Native bytes this session holds now. */
    public long nativeBytes() {
        return arena.bytes();
    }

    private void ensureOpen() {
        if (closed) {
            throw new BackendException("this javacpp cpu session is closed");
        }
    }

    @Override
    public Network build(ModelSpec spec, InitialWeights init, LossOptions loss) {
        ensureOpen();
        if (!init.segments().equals(spec.segments())) {
            throw new BackendException("initial weights do not match model " + spec.id());
        }
        CpuVec params = new CpuVec(spec.segments(), arena.floats(spec.segments().totalLength()));
        params.write(init.flat());
        CpuNetwork network = new CpuNetwork(spec, params, loss, arena, parallel, dnnl);
        networks.add(network);
        return network;
    }

    @Override
    public Vec zerosLike(Network network) {
        ensureOpen();
        return new CpuVec(network.segments(), arena.floats(network.segments().totalLength()));
    }

    @Override
    public DeviceBatch upload(HostBatch batch) {
        ensureOpen();
        long need = (long) batch.size() * batch.shape().elements();
        NativeFloats buffer = null;
        for (int i = 0; i < freeBatchBuffers.size(); i++) {
            if (freeBatchBuffers.get(i).length() >= need) {
                buffer = freeBatchBuffers.remove(i);
                break;
            }
        }
        if (buffer == null) {
            buffer = arena.floats(need);
        }
        buffer.buffer().put(0, batch.features(), 0, (int) need);
        return new CpuBatch(this, buffer, java.util.Arrays.copyOf(batch.labels(), batch.size()),
                batch.size(), batch.shape());
    }

    void giveBack(NativeFloats buffer) {
        if (!closed) {
            freeBatchBuffers.add(buffer);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Profile.enabled() && Profile.passes() > 0) {
            System.err.print("javacpp cpu profile, per training pass (" + Profile.passes() + " passes):\n"
                    + Profile.report(Math.toIntExact(Profile.passes())));
        }
        for (CpuNetwork n : networks) {
            n.markClosed();
        }
        freeBatchBuffers.clear();
        dnnl.ifPresent(Dnnl::close);
        parallel.close();
        arena.close();
    }
}
