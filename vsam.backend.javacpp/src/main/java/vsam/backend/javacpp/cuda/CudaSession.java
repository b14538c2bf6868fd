package vsam.backend.javacpp.cuda;

import vsam.api.BackendException;
import vsam.api.Session;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.vector.Vec;

/** A session of the {@code javacpp} backend on one CUDA device (placeholder until the CUDA path lands). */
public final class CudaSession implements Session {

    private final int device;

    public CudaSession(int device) {
        this.device = device;
        throw new BackendException("javacpp: the CUDA path is not implemented yet");
    }

    @Override
    public String device() {
        return "cuda:" + device;
    }

    @Override
    public Network build(ModelSpec spec, InitialWeights init, LossOptions loss) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Vec zerosLike(Network network) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DeviceBatch upload(HostBatch batch) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
