package vsam.backend.javacpp.cuda;

import org.bytedeco.cuda.global.cublas;
import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * Fully connected layer with cuBLAS {@code sgemm}, weight {@code W[out][in]}, activations row-major
 * {@code [M][features]} (the flattened {@code NCHW} tensor), {@code M = N·rows}: one row per example, or one
 * per token of a token sequence {@code (T, in, 1)} ({@link Layer.Linear#rows}; docs/ARCHITECTURE.md,
 * "Transformer layers"). Below, {@code N} stands for {@code M}:
 * <pre>
 *   Y = X·Wᵀ + b      dW = dYᵀ·X      db = Σ_n dY[n]      dX = dY·W
 * </pre>
 * cuBLAS is column-major, so a row-major {@code R × C} matrix is its column-major {@code C × R}
 * transpose: {@code Y} is computed as {@code Yᶜ = Wᶜᵀ·Xᶜ} ({@code sgemm(T, N, out, N, in)}), {@code dW}
 * as {@code dWᶜ = Xᶜ·dYᶜᵀ} ({@code sgemm(N, T, in, out, N)}), {@code dX} as {@code dXᶜ = Wᶜ·dYᶜ}
 * ({@code sgemm(N, N, in, N, out)}). The bias is added and reduced by NVRTC kernels (the reduction in
 * double, in example order).
 */
final class Linear extends BufferedNode {

    private final Gpu gpu;
    private final int inFeatures;
    private final int outFeatures;
    /** Rows of the products per example: 1, or the tokens of a sequence. */
    private final int rows;
    private final long weightOffset;
    private final long biasOffset;
    private DeviceFloats input;

    Linear(Gpu gpu, Layer.Linear layer, Shape in, long weightOffset) {
        super(in, layer.outputShape(in));
        this.gpu = gpu;
        inFeatures = layer.in();
        outFeatures = layer.out();
        rows = layer.rows(in);
        this.weightOffset = weightOffset;
        this.biasOffset = layer.bias() ? weightOffset + (long) inFeatures * outFeatures : -1;
    }

    @Override
    DeviceFloats forward(PassContext s, DeviceFloats x) {
        input = x;
        int m = s.n * rows;
        CudaStatus.blas(cublas.cublasSgemm_v2(gpu.blas, cublas.CUBLAS_OP_T, cublas.CUBLAS_OP_N, outFeatures, m, inFeatures,
                gpu.one, s.params.at(weightOffset), inFeatures, x.ptr(), inFeatures, gpu.zero, output.ptr(), outFeatures),
                "cublasSgemm (linear forward)");
        if (biasOffset >= 0) {
            gpu.kernels.args().ptr(output).ptr(s.params.addressOf(biasOffset)).i32(m).i32(outFeatures)
                    .launch("vsam_bias_forward", (long) m * outFeatures);
        }
        return output;
    }

    @Override
    DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
        int m = s.n * rows;
        CudaStatus.blas(cublas.cublasSgemm_v2(gpu.blas, cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_T, inFeatures, outFeatures, m,
                gpu.one, input.ptr(), inFeatures, dy.ptr(), outFeatures, gpu.zero, s.grad.at(weightOffset), inFeatures),
                "cublasSgemm (linear weight gradient)");
        if (biasOffset >= 0 && rows > 1) {
            // n·T rows: one block per column rather than one thread
            TokenLayers.columnSums(gpu, dy, s.grad.addressOf(biasOffset), m, outFeatures, outFeatures);
        } else if (biasOffset >= 0) {
            gpu.kernels.args().ptr(dy).ptr(s.grad.addressOf(biasOffset)).i32(m).i32(outFeatures)
                    .launch("vsam_bias_backward", outFeatures);
        }
        if (!needDx) {
            return null;
        }
        CudaStatus.blas(cublas.cublasSgemm_v2(gpu.blas, cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_N, inFeatures, m, outFeatures,
                gpu.one, s.params.at(weightOffset), inFeatures, dy.ptr(), outFeatures, gpu.zero, inputGrad.ptr(), inFeatures),
                "cublasSgemm (linear input gradient)");
        return inputGrad;
    }
}
