package vsam.backend.javacpp.cuda;

import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * LayerNorm over the last {@code D} values of each row (the {@code n·T} tokens, or the {@code n} vectors of a
 * flat input), NVRTC kernels (docs/ARCHITECTURE.md, "Transformer layers"): forward and input gradient one
 * warp per row, the parameter gradients one block per feature; the formulas are the CPU node's
 * ({@code vsam.backend.javacpp.cpu.LayerNorm}). Kept for the backward pass: the input and the row
 * statistics {@code μ, 1/√(σ² + ε)}. No running statistics: every mode computes the same.
 */
final class LayerNorm extends BufferedNode {

    private final Gpu gpu;
    private final int width;
    private final long gammaOffset;
    private DeviceFloats stats;
    private DeviceFloats input;

    LayerNorm(Gpu gpu, Layer.LayerNorm layer, Shape in, long gammaOffset) {
        super(in, layer.outputShape(in));
        this.gpu = gpu;
        this.width = layer.width();
        this.gammaOffset = gammaOffset;
    }

    private int rows(int n) {
        return n * (in.elements() / width);
    }

    @Override
    void reserve(int capacity, DeviceMemory memory) {
        super.reserve(capacity, memory);
        stats = memory.floats(2L * rows(capacity));
    }

    @Override
    void release(DeviceMemory memory) {
        memory.free(stats);
        stats = null;
        super.release(memory);
    }

    @Override
    DeviceFloats forward(PassContext s, DeviceFloats x) {
        input = x;
        int rows = rows(s.n);
        gpu.kernels.args().ptr(x).ptr(s.params.addressOf(gammaOffset)).ptr(s.params.addressOf(gammaOffset + width))
                .ptr(output).ptr(stats).i32(rows).i32(width).f32(Layer.LayerNorm.EPSILON)
                .launch("vsam_layernorm_forward", 32L * rows);
        return output;
    }

    @Override
    DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
        int rows = rows(s.n);
        gpu.kernels.args().ptr(input).ptr(dy).ptr(stats).ptr(s.grad.addressOf(gammaOffset))
                .ptr(s.grad.addressOf(gammaOffset + width)).i32(rows).i32(width)
                .launch("vsam_layernorm_params", Math.min(width, 8192), Kernels.BLOCK);
        if (!needDx) {
            return null;
        }
        gpu.kernels.args().ptr(input).ptr(dy).ptr(s.params.addressOf(gammaOffset)).ptr(stats).ptr(inputGrad)
                .i32(rows).i32(width).launch("vsam_layernorm_backward", 32L * rows);
        return inputGrad;
    }
}
