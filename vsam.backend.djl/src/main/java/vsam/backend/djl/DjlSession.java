package vsam.backend.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<List<Object>, List<NDArray>> scratch = new HashMap<>();
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

    /**
     * Scratch tensor {@code slot} (0, 1, …) of {@code length} floats, made once and reused: the vector
     * operations' temporaries. A fresh temporary per call costs a fresh allocation, and above glibc's mmap
     * threshold that is a fresh mapping whose every page faults in: 27–180× slower at ResNet-18's 11 M
     * floats (docs/RESULTS.md §1). Contents are garbage on entry; like the vectors' operations themselves
     * (one training loop drives them), not for concurrent use.
     */
    NDArray scratch(int slot, long length) {
        return scratch(slot, length, DataType.FLOAT32);
    }

    /** As {@link #scratch(int, long)}, of another element type. */
    NDArray scratch(int slot, long length, DataType type) {
        List<NDArray> forLength = scratch.computeIfAbsent(List.of(length, type), k -> new ArrayList<>());
        while (forLength.size() <= slot) {
            forLength.add(manager.create(new Shape(length), type));
        }
        return forLength.get(slot);
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
