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
    /** im2col workspace of each part of a {@link Parallel#split}. */
    NativeFloats[] workspace = new NativeFloats[0];
    /** Partial weight gradients of parts 1.. of a split (part 0 writes into the gradient itself). */
    NativeFloats[] partial = new NativeFloats[0];
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

    /**
     * {@code grad[offset .. offset+len) += Σ_{p=1}^{parts−1} partial[p−1][0 .. len)}, split over threads:
     * folds the per-thread partial weight gradients into the gradient (a fixed order, so results do
     * not depend on timing).
     */
    void reducePartials(long offset, int len, int parts) {
        if (parts <= 1) {
            return;
        }
        FloatBuffer gb = g;
        int at = (int) offset;
        parallel.range(len, 1 << 14, (from, to) -> {
            for (int p = 1; p < parts; p++) {
                FloatBuffer pb = partial[p - 1].buffer();
                for (int i = from; i < to; i++) {
                    gb.put(at + i, gb.get(at + i) + pb.get(i));
                }
            }
        });
    }

    void gradient(NativeFloats gradOut) {
        this.grad = gradOut;
        this.g = gradOut.buffer();
    }
}
