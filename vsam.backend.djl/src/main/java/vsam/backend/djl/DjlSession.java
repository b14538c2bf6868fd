package vsam.backend.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import vsam.api.BackendException;
import vsam.api.Session;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;

/**
 * A session of the {@code djl} backend on the CPU: one DJL base {@link NDManager} owns every tensor
 * made through the session (networks, vectors, batches), so {@link #close()} frees them all.
 * Used from one thread.
 */
final class DjlSession implements Session {

    private final Engine engine;
    private final NDManager manager;
    private final BatchBuffers buffers = new BatchBuffers();
    private final List<DjlNetwork> networks = new ArrayList<>();
    private boolean closed;

    /**
     * @param engine  the loaded PyTorch engine
     * @param threads intra-op threads, 0 to leave libtorch's default (process-wide, see {@link PyTorchRuntime})
     */
    DjlSession(Engine engine, int threads) {
        this.engine = engine;
        if (threads > 0) {
            PyTorchRuntime.setThreads(threads);
        }
        this.manager = engine.newBaseManager(Device.cpu());
    }

    @Override
    public String device() {
        return DjlBackend.CPU;
    }

    @Override
    public Network build(ModelSpec spec, InitialWeights init, LossOptions loss) {
        ensureOpen();
        if (!init.segments().equals(spec.segments())) {
            throw new BackendException("initial weights follow " + init.segments() + ", but model " + spec.id()
                    + " has " + spec.segments());
        }
        DjlNetwork network = new DjlNetwork(this, manager.newSubManager(), spec, init, loss);
        networks.add(network);
        return network;
    }

    @Override
    public Vec zerosLike(Network network) {
        ensureOpen();
        if (!(network instanceof DjlNetwork n) || !n.belongsTo(this)) {
            throw new BackendException("zerosLike needs a network built by this djl session, got " + network);
        }
        return zeros(n.segments());
    }

    /** A new zero vector with the given segment table. */
    DjlVec zeros(Segments segments) {
        ensureOpen();
        return new DjlVec(this, segments, manager.zeros(new Shape(segments.totalLength())));
    }

    @Override
    public DeviceBatch upload(HostBatch batch) {
        ensureOpen();
        return DjlBatch.upload(this, manager, buffers, batch);
    }

    /** The engine this session runs on. */
    Engine engine() {
        return engine;
    }

    /** The manager that owns the session's long-lived tensors. */
    NDManager manager() {
        return manager;
    }

    /** @throws BackendException once the session is closed */
    void ensureOpen() {
        if (closed) {
            throw new BackendException("this djl session is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        networks.clear();
        manager.close();
        buffers.clear();
    }
}
