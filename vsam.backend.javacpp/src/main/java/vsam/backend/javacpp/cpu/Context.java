package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;

/**
 * What the nodes of one network share during a pass: the batch size, the mode, the flat parameter
 * and gradient vectors, the BatchNorm running buffers, the im2col workspace and the thread pool.
 */
final class Context {

    /** Training with running-statistics updates, training with them frozen, or inference. */
    enum Mode {
        /** CLEAN pass: batch statistics, running statistics updated. */
        TRAIN,
        /** PERTURBED pass: batch statistics, running statistics untouched. */
        TRAIN_FROZEN,
        /** Evaluation: running statistics. */
        EVAL
    }

    final Parallel parallel;
    final NativeFloats params;
    final FloatBuffer p;
    final NativeFloats running;
    final FloatBuffer r;
    NativeFloats workspace;
    int n;
    Mode mode;
    NativeFloats grad;
    FloatBuffer g;

    Context(Parallel parallel, NativeFloats params, NativeFloats running) {
        this.parallel = parallel;
        this.params = params;
        this.p = params.buffer();
        this.running = running;
        this.r = running.buffer();
    }

    void gradient(NativeFloats gradOut) {
        this.grad = gradOut;
        this.g = gradOut.buffer();
    }
}
