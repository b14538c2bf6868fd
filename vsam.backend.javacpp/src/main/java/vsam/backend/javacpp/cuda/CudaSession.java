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

/**
 * The place of the {@code javacpp} backend's session on a CUDA device (cuBLAS, cuDNN, NVRTC kernels).
 * Not implemented in this build: {@link #IMPLEMENTED} is false, the probe lists every CUDA device it
 * finds as unavailable with {@link #NOT_IMPLEMENTED} as the reason, and opening one throws.
 */
public final class CudaSession implements Session {

    /** Whether the CUDA path exists in this build. */
    public static final boolean IMPLEMENTED = false;

    /** The reason given for CUDA devices while {@link #IMPLEMENTED} is false. */
    public static final String NOT_IMPLEMENTED = "the javacpp CUDA path is not implemented in this build";

    private final int device;

    /** @throws BackendException always, while the CUDA path is not implemented */
    public CudaSession(int device) {
        this.device = device;
        throw new BackendException("javacpp: cuda:" + device + " unavailable: " + NOT_IMPLEMENTED);
    }

    @Override
    public String device() {
        return "cuda:" + device;
    }

    @Override
    public Network build(ModelSpec spec, InitialWeights init, LossOptions loss) {
        throw new BackendException(NOT_IMPLEMENTED);
    }

    @Override
    public Vec zerosLike(Network network) {
        throw new BackendException(NOT_IMPLEMENTED);
    }

    @Override
    public DeviceBatch upload(HostBatch batch) {
        throw new BackendException(NOT_IMPLEMENTED);
    }

    @Override
    public void close() {
    }
}
