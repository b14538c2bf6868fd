package vsam.backend.javacpp.cuda;

import org.bytedeco.cuda.global.cudnn;
import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * BatchNorm over channels with cuDNN ({@code CUDNN_BATCHNORM_SPATIAL}), PyTorch's definition:
 * <pre>
 *   training:  μ = mean(x), σ² = mean((x − μ)²), y = γ·(x − μ)/sqrt(σ² + eps) + β
 *              running_mean ← (1 − m)·running_mean + m·μ,  running_var ← (1 − m)·running_var + m·σ²·M/(M − 1)
 *   inference: y = γ·(x − running_mean)/sqrt(running_var + eps) + β
 *   backward:  dγ = Σ dy·x̂,  dβ = Σ dy,  dx = γ/sqrt(σ² + eps)·(dy − dβ/M − x̂·dγ/M)
 * </pre>
 * with {@code m = 0.1} (cuDNN's {@code exponentialAverageFactor}), {@code eps = 1e-5}, {@code M = N·H·W}.
 * In a PERTURBED pass ({@link PassContext.Mode#TRAIN_FROZEN}) cuDNN's running-statistics update is pointed at
 * the network's scratch buffers, so the real running buffers stay bit-identical. The batch mean and
 * inverse standard deviation saved by the forward pass feed the backward pass.
 *
 * <p>Uses cuDNN's legacy (descriptor) API, deprecated in cuDNN 9 in favour of the graph API but still
 * shipped and supported there; hence the suppressed deprecation warnings.
 */
@SuppressWarnings("deprecation")
final class BatchNorm extends BufferedNode {

    private final Gpu gpu;
    private final int channels;
    private final long gammaOffset;
    private final long betaOffset;
    private final long runningOffset;
    private final TensorDesc x;
    private final TensorDesc perChannel;
    private final DeviceFloats saved;
    private DeviceFloats input;

    /**
     * @param runningOffset where this layer's running mean (then variance) start in the running buffer
     */
    BatchNorm(Gpu gpu, Layer.BatchNorm2d layer, Shape in, long gammaOffset, long runningOffset) {
        super(in, in);
        this.gpu = gpu;
        channels = layer.channels();
        this.gammaOffset = gammaOffset;
        this.betaOffset = gammaOffset + channels;
        this.runningOffset = runningOffset;
        x = new TensorDesc(gpu, in.channels(), in.height(), in.width());
        perChannel = TensorDesc.fixed(gpu, 1, channels, 1, 1);
        saved = gpu.memory.floats(2L * channels);
    }

    @Override
    DeviceFloats forward(PassContext s, DeviceFloats xIn) {
        input = xIn;
        var xd = x.batch(s.n);
        if (s.mode == PassContext.Mode.EVAL) {
            CudaStatus.dnn(cudnn.cudnnBatchNormalizationForwardInference(gpu.dnn, cudnn.CUDNN_BATCHNORM_SPATIAL,
                    gpu.one, gpu.zero, xd, xIn.ptr(), xd, output.ptr(), perChannel.desc,
                    s.params.at(gammaOffset), s.params.at(betaOffset),
                    s.running.at(runningOffset), s.running.at(runningOffset + channels),
                    Layer.BatchNorm2d.EPSILON), "cudnnBatchNormalizationForwardInference");
            return output;
        }
        boolean frozen = s.mode == PassContext.Mode.TRAIN_FROZEN;
        DeviceFloats runningMean = frozen ? s.scratchRunning : s.running;
        long meanAt = frozen ? 0 : runningOffset;
        CudaStatus.dnn(cudnn.cudnnBatchNormalizationForwardTraining(gpu.dnn, cudnn.CUDNN_BATCHNORM_SPATIAL,
                gpu.one, gpu.zero, xd, xIn.ptr(), xd, output.ptr(), perChannel.desc,
                s.params.at(gammaOffset), s.params.at(betaOffset), Layer.BatchNorm2d.MOMENTUM,
                runningMean.at(meanAt), runningMean.at(meanAt + channels), Layer.BatchNorm2d.EPSILON,
                saved.at(0), saved.at(channels)), "cudnnBatchNormalizationForwardTraining");
        return output;
    }

    @Override
    DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
        var xd = x.batch(s.n);
        CudaStatus.dnn(cudnn.cudnnBatchNormalizationBackward(gpu.dnn, cudnn.CUDNN_BATCHNORM_SPATIAL,
                gpu.one, gpu.zero, gpu.one, gpu.zero, xd, input.ptr(), xd, dy.ptr(), xd, inputGrad.ptr(),
                perChannel.desc, s.params.at(gammaOffset), s.grad.at(gammaOffset), s.grad.at(betaOffset),
                Layer.BatchNorm2d.EPSILON, saved.at(0), saved.at(channels)), "cudnnBatchNormalizationBackward");
        return needDx ? inputGrad : null;
    }
}
