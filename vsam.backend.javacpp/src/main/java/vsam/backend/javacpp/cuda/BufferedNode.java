package vsam.backend.javacpp.cuda;

import vsam.api.model.Shape;

/**
 * A node that owns the two activation buffers most layers need: its output ({@code capacity × out}
 * floats) and the gradient of its input ({@code capacity × in} floats), allocated together by
 * {@link #reserve} and freed together by {@link #release}.
 */
abstract class BufferedNode extends Node {

    /** The forward output of the last pass; null until {@link #reserve}. */
    DeviceFloats output;
    /** The input gradient of the last backward pass; null until {@link #reserve}. */
    DeviceFloats inputGrad;

    BufferedNode(Shape in, Shape out) {
        super(in, out);
    }

    @Override
    void reserve(int capacity, DeviceMemory memory) {
        release(memory);
        output = memory.floats((long) capacity * out.elements());
        inputGrad = memory.floats((long) capacity * in.elements());
    }

    @Override
    void release(DeviceMemory memory) {
        memory.free(output);
        memory.free(inputGrad);
        output = null;
        inputGrad = null;
    }
}
