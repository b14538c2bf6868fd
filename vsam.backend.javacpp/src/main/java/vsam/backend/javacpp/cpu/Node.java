package vsam.backend.javacpp.cpu;

import vsam.api.model.Shape;

/**
 * One operation of a compiled network on the CPU. A node reads its input activation, writes its output
 * into a buffer it owns (allocated once per batch capacity by {@link #reserve}), and in the backward
 * pass turns the gradient of its output into the gradient of its input, writing its parameters'
 * gradients straight into the flat gradient vector at its segment offsets (overwriting them).
 *
 * <p>Activations have one of three {@link Layout}s: {@link Layout#FLAT} ({@code [N][C·H·W]}, i.e. NCHW),
 * {@link Layout#CHANNELS} ({@code [C][N][H·W]}, so one convolution over the whole batch is one GEMM and a
 * channel's BatchNorm statistics are one contiguous run) or {@link Layout#BLOCKED} (oneDNN's {@code nChw16c},
 * which its convolutions read and write without reordering).
 */
abstract class Node {

    /** How an activation of {@code n} examples of shape {@code (C, H, W)} is laid out. */
    enum Layout {
        /** {@code [N][C][H][W]}: example-major, what batches and linear layers use. */
        FLAT,
        /** {@code [C][N][H][W]}: channel-major, what convolutions, BatchNorm and pooling use. */
        CHANNELS,
        /**
         * {@code [N][C/16][H][W][16]}: oneDNN's blocked {@code nChw16c}, channels a multiple of {@value #BLOCK}.
         * Used between oneDNN convolutions, BatchNorm (with its ReLU) and 2×2 max pooling, so that no
         * convolution reorders its activations (docs/ARCHITECTURE.md, "CPU layouts").
         */
        BLOCKED;

        /** Channels per block of {@link #BLOCKED}. */
        static final int BLOCK = 16;

        /**
         * Where element {@code (e, c, p)} of {@code n} examples with {@code ch} channels of {@code hw} pixels
         * lies in this layout.
         */
        int offset(int e, int c, int p, int n, int ch, int hw) {
            return switch (this) {
                case FLAT -> (e * ch + c) * hw + p;
                case CHANNELS -> (c * n + e) * hw + p;
                case BLOCKED -> ((e * (ch / BLOCK) + c / BLOCK) * hw + p) * BLOCK + c % BLOCK;
            };
        }
    }

    final Shape in;
    final Shape out;
    final Layout inLayout;
    final Layout outLayout;

    Node(Shape in, Shape out, Layout inLayout, Layout outLayout) {
        this.in = in;
        this.out = out;
        this.inLayout = inLayout;
        this.outLayout = outLayout;
    }

    /** Allocates (or re-allocates) the node's buffers for batches of up to {@code capacity} examples. */
    void reserve(int capacity, Arena arena) {
    }

    /** Floats of im2col workspace this node needs for batches of {@code capacity}. */
    long workspace(int capacity) {
        return 0;
    }

    /** Largest weight tensor whose gradient is computed in per-thread parts (0 when none). */
    long weights() {
        return 0;
    }

    /**
     * Whether this node has parameters, so that its backward pass is needed even when no node before it
     * needs a gradient. True unless a parameter-free node says otherwise: a node that forgets to override
     * this only loses the saving, never a gradient.
     */
    boolean hasParameters() {
        return true;
    }

    /** Forward pass over {@code c.n} examples; returns the output activation. */
    abstract NativeFloats forward(Context c, NativeFloats x);

    /**
     * Backward pass: {@code dy} is the gradient of this node's output; writes parameter gradients into
     * {@code c.grad} and returns the gradient of the input when {@code needDx} (else may return null).
     * May overwrite {@code dy}.
     */
    abstract NativeFloats backward(Context c, NativeFloats dy, boolean needDx);

    /** Whether the output buffer is this node's own (false for nodes that pass their input through). */
    boolean ownsOutput() {
        return true;
    }

    /** Frees this node's buffers. */
    void release(Arena arena) {
    }

    static int elements(Shape s) {
        return s.elements();
    }
}
