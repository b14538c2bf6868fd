package vsam.backend.javacpp.cuda;

/**
 * The context of one pass (forward and backward) through a CUDA network, what its nodes read: the
 * session's {@link Gpu}, the batch size, the mode, the flat parameter and gradient buffers, the BatchNorm
 * running buffers (and the scratch that stands in for them in a perturbed pass), and the shared
 * convolution workspace. One per network, refilled by each pass.
 */
final class PassContext {

    /** How BatchNorm behaves in a pass. */
    enum Mode {
        /** Batch statistics; running statistics updated (a CLEAN pass). */
        TRAIN,
        /** Batch statistics; running statistics untouched: the update goes to scratch (a PERTURBED pass). */
        TRAIN_FROZEN,
        /** Running statistics (inference). */
        EVAL
    }

    final Gpu gpu;
    final DeviceFloats params;
    final DeviceFloats running;
    final DeviceFloats scratchRunning;
    final Workspace workspace;
    DeviceFloats grad;
    int n;
    Mode mode = Mode.TRAIN;

    PassContext(Gpu gpu, DeviceFloats params, DeviceFloats running, DeviceFloats scratchRunning, Workspace workspace) {
        this.gpu = gpu;
        this.params = params;
        this.running = running;
        this.scratchRunning = scratchRunning;
        this.workspace = workspace;
    }
}
