package vsam.backend.javacpp.cuda;

import vsam.api.model.Shape;

/**
 * One operation of a network compiled for a CUDA device. Activations are {@code NCHW} (a flat tensor is
 * {@code N × F × 1 × 1}), exactly the batch's and PyTorch's layout, so flattening is free. A node reads
 * its input, writes its output into a device buffer it owns (allocated once per batch capacity by
 * {@link #reserve}), and in the backward pass writes the gradient of its input into another buffer it
 * owns, never into the incoming gradient, and its parameters' gradients straight into the flat gradient
 * vector at its segment offsets (overwriting them).
 */
abstract class Node {

    final Shape in;
    final Shape out;

    Node(Shape in, Shape out) {
        this.in = in;
        this.out = out;
    }

    /** Allocates (or re-allocates) the node's buffers for batches of up to {@code capacity} examples. */
    void reserve(int capacity, DeviceMemory memory) {
    }

    /** Frees the node's buffers. */
    void release(DeviceMemory memory) {
    }

    /** Forward pass over {@code s.n} examples; returns the output activation. */
    abstract DeviceFloats forward(PassContext s, DeviceFloats x);

    /**
     * Backward pass: {@code dy} is the gradient of this node's output; writes parameter gradients into
     * {@code s.grad} and returns the gradient of the input when {@code needDx} (else may return null).
     */
    abstract DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx);
}
