package vsam.backend.javacpp.cuda;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.cuda.global.cudart;
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
 * A session of the {@code javacpp} backend on device {@code cuda:N}: selects the device, creates one
 * stream with a cuBLAS and a cuDNN handle on it, compiles the NVRTC kernels ({@link Gpu}), and owns
 * every device allocation: parameter and other vectors (one device buffer each), networks' activations,
 * BatchNorm buffers and workspaces, batch buffers (pooled: a closed batch's buffer serves the next
 * upload). {@link #close()} frees all of it. Used from one thread at a time.
 */
public final class CudaSession implements Session {

    private final int device;
    private final Gpu gpu;
    private final Staging staging;
    private final List<DeviceFloats> freeBatchBuffers = new ArrayList<>();
    private final List<CudaNetwork> networks = new ArrayList<>();
    private boolean closed;

    /**
     * Opens device {@code cuda:device}. The caller has probed CUDA ({@code NativeProbe.cuda()}).
     *
     * @throws BackendException when the device, a library or the kernel compilation fails
     */
    public CudaSession(int device) {
        this.device = device;
        Gpu g = null;
        try {
            g = new Gpu(device);
            staging = new Staging(g);
        } catch (RuntimeException e) {
            if (g != null) {
                g.close();
            }
            throw e instanceof BackendException ? e : new BackendException("javacpp: cuda:" + device + ": " + e.getMessage(), e);
        }
        gpu = g;
    }

    @Override
    public String device() {
        return "cuda:" + device;
    }

    /** The device's name as the driver reports it. */
    public String deviceName() {
        return gpu.name;
    }

    /** Device bytes this session holds now. */
    public long deviceBytes() {
        return gpu.memory.held();
    }

    /** Waits until every operation queued so far has finished (for timing). */
    public void synchronize() {
        ensureOpen();
        gpu.sync();
    }

    private void ensureOpen() {
        if (closed) {
            throw new BackendException("this javacpp cuda session is closed");
        }
        gpu.enter();
    }

    @Override
    public Network build(ModelSpec spec, InitialWeights init, LossOptions loss) {
        ensureOpen();
        if (spec.quantization().isPresent()) {
            throw new BackendException("quantization-aware training (model " + spec.id()
                    + ") is not implemented on the CUDA path yet; train it on device cpu");
        }
        if (!init.segments().equals(spec.segments())) {
            throw new BackendException("initial weights do not match model " + spec.id());
        }
        CudaVec params = new CudaVec(gpu, spec.segments(), gpu.memory.floats(spec.segments().totalLength()));
        params.write(init.flat());
        CudaNetwork network = new CudaNetwork(gpu, spec, params, loss);
        networks.add(network);
        return network;
    }

    @Override
    public Vec zerosLike(Network network) {
        ensureOpen();
        return new CudaVec(gpu, network.segments(), gpu.memory.floats(network.segments().totalLength()));
    }

    @Override
    public DeviceBatch upload(HostBatch batch) {
        ensureOpen();
        long need = (long) batch.size() * batch.shape().elements() + batch.size();
        DeviceFloats buffer = null;
        for (int i = 0; i < freeBatchBuffers.size(); i++) {
            if (freeBatchBuffers.get(i).length >= need) {
                buffer = freeBatchBuffers.remove(i);
                break;
            }
        }
        if (buffer == null) {
            buffer = gpu.memory.floats(need);
        }
        staging.upload(batch, buffer);
        return new CudaBatch(this, buffer, batch.size(), batch.shape());
    }

    void giveBack(DeviceFloats buffer) {
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
        for (CudaNetwork n : networks) {
            n.markClosed();
        }
        freeBatchBuffers.clear();
        // the staging event and page-locked memory belong to this device's context: make it current on
        // the closing thread first (Gpu.close does the same for everything else); errors are ignored here
        cudart.cudaSetDevice(device);
        try {
            staging.close();
        } finally {
            gpu.close();
        }
    }
}
