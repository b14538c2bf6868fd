package vsam.backend.javacpp.cuda;

import org.bytedeco.cuda.global.cublas;
import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * Fully connected layer with cuBLAS {@code sgemm}, weight {@code W[out][in]}, activations row-major
 * {@code [N][features]} (the flattened {@code NCHW} tensor):
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
    private final long weightOffset;
    private final long biasOffset;
    private DeviceFloats input;

    Linear(Gpu gpu, Layer.Linear layer, Shape in, long weightOffset) {
        super(in, layer.outputShape(in));
        this.gpu = gpu;
        inFeatures = layer.in();
        outFeatures = layer.out();
        this.weightOffset = weightOffset;
        this.biasOffset = layer.bias() ? weightOffset + (long) inFeatures * outFeatures : -1;
    }

    @Override
    DeviceFloats forward(PassContext s, DeviceFloats x) {
        input = x;
        CudaStatus.blas(cublas.cublasSgemm_v2(gpu.blas, cublas.CUBLAS_OP_T, cublas.CUBLAS_OP_N, outFeatures, s.n, inFeatures,
                gpu.one, s.params.at(weightOffset), inFeatures, x.ptr(), inFeatures, gpu.zero, output.ptr(), outFeatures),
                "cublasSgemm (linear forward)");
        if (biasOffset >= 0) {
            gpu.kernels.args().ptr(output).ptr(s.params.addressOf(biasOffset)).i32(s.n).i32(outFeatures)
                    .launch("vsam_bias_forward", (long) s.n * outFeatures);
        }
        return output;
    }

    @Override
    DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
        CudaStatus.blas(cublas.cublasSgemm_v2(gpu.blas, cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_T, inFeatures, outFeatures, s.n,
                gpu.one, input.ptr(), inFeatures, dy.ptr(), outFeatures, gpu.zero, s.grad.at(weightOffset), inFeatures),
                "cublasSgemm (linear weight gradient)");
        if (biasOffset >= 0) {
            gpu.kernels.args().ptr(dy).ptr(s.grad.addressOf(biasOffset)).i32(s.n).i32(outFeatures)
                    .launch("vsam_bias_backward", outFeatures);
        }
        if (!needDx) {
            return null;
        }
        CudaStatus.blas(cublas.cublasSgemm_v2(gpu.blas, cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_N, inFeatures, s.n, outFeatures,
                gpu.one, s.params.at(weightOffset), inFeatures, dy.ptr(), outFeatures, gpu.zero, inputGrad.ptr(), inFeatures),
                "cublasSgemm (linear input gradient)");
        return inputGrad;
    }
}
