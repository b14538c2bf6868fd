package vsam.api;

import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.vector.Vec;

/**
 * An open backend on one device. Owns every native allocation made through it; {@link #close()} frees
 * them all. Used from one thread.
 */
public interface Session extends AutoCloseable {

    /** The device this session runs on. */
    String device();

    /** Builds {@code spec} with the given initial weights and training loss. */
    Network build(ModelSpec spec, InitialWeights init, LossOptions loss);

    /** A new zero vector with the network's segment table (gradients, PSF, optimizer state). */
    Vec zerosLike(Network network);

    /** Copies a host batch to the device; both SAM passes of a step reuse the result. */
    DeviceBatch upload(HostBatch batch);

    /** Frees every native allocation of the session. Idempotent. */
    @Override
    void close();
}
