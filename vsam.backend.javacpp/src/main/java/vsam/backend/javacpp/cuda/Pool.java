package vsam.backend.javacpp.cuda;

import org.bytedeco.cuda.cudnn.cudnnPoolingStruct;
import org.bytedeco.cuda.global.cudnn;
import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * Pooling with cuDNN, no padding, stride equal to the window:
 * <ul>
 *   <li>max pooling {@code k × k} ({@code CUDNN_POOLING_MAX_DETERMINISTIC}):
 *       {@code y = max over the window}, backward sends {@code dy} to the window's maximum;</li>
 *   <li>average pooling {@code k × k} ({@code CUDNN_POOLING_AVERAGE_COUNT_INCLUDE_PADDING}; without padding
 *       the count is always {@code k²}), as {@code torch.nn.AvgPool2d(k)}: {@code y = (1/k²) Σ window},
 *       {@code ⌊H/k⌋ × ⌊W/k⌋} outputs, backward {@code dx = dy / k²} over each window and 0 on the rows and
 *       columns past the last whole window;</li>
 *   <li>global average pooling (the window is the whole {@code H × W} plane):
 *       {@code y[n][c] = (1/HW) Σ x[n][c]}, backward {@code dx = dy / HW}.</li>
 * </ul>
 *
 * <p>Uses cuDNN's legacy (descriptor) API, deprecated in cuDNN 9 in favour of the graph API but still
 * shipped and supported there; hence the suppressed deprecation warnings.
 */
@SuppressWarnings("deprecation")
final class Pool extends BufferedNode {

    private final Gpu gpu;
    private final TensorDesc x;
    private final TensorDesc y;
    private final cudnnPoolingStruct pooling = new cudnnPoolingStruct();
    private DeviceFloats input;

    private Pool(Gpu gpu, Shape in, Shape out, int mode, int windowH, int windowW) {
        super(in, out);
        this.gpu = gpu;
        x = new TensorDesc(gpu, in.channels(), in.height(), in.width());
        y = new TensorDesc(gpu, out.channels(), out.height(), out.width());
        CudaStatus.dnn(cudnn.cudnnCreatePoolingDescriptor(pooling), "cudnnCreatePoolingDescriptor");
        gpu.own(() -> cudnn.cudnnDestroyPoolingDescriptor(pooling));
        CudaStatus.dnn(cudnn.cudnnSetPooling2dDescriptor(pooling, mode, cudnn.CUDNN_NOT_PROPAGATE_NAN, windowH, windowW,
                0, 0, windowH, windowW), "cudnnSetPooling2dDescriptor");
    }

    /** {@code k × k} max pooling with stride {@code k}. */
    static Pool max(Gpu gpu, Layer.MaxPool2d layer, Shape in) {
        return new Pool(gpu, in, layer.outputShape(in), cudnn.CUDNN_POOLING_MAX_DETERMINISTIC, layer.size(), layer.size());
    }

    /** {@code k × k} average pooling with stride {@code k} (docs/ARCHITECTURE.md, "Model files"). */
    static Pool average(Gpu gpu, Layer.AvgPool2d layer, Shape in) {
        return new Pool(gpu, in, layer.outputShape(in), cudnn.CUDNN_POOLING_AVERAGE_COUNT_INCLUDE_PADDING, layer.size(),
                layer.size());
    }

    /** Global average pooling to {@code C × 1 × 1}. */
    static Pool globalAverage(Gpu gpu, Shape in) {
        return new Pool(gpu, in, new Shape(in.channels(), 1, 1), cudnn.CUDNN_POOLING_AVERAGE_COUNT_INCLUDE_PADDING,
                in.height(), in.width());
    }

    @Override
    DeviceFloats forward(PassContext s, DeviceFloats xIn) {
        input = xIn;
        CudaStatus.dnn(cudnn.cudnnPoolingForward(gpu.dnn, pooling, gpu.one, x.batch(s.n), xIn.ptr(), gpu.zero,
                y.batch(s.n), output.ptr()), "cudnnPoolingForward");
        return output;
    }

    @Override
    DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
        if (!needDx) {
            return null;
        }
        var yd = y.batch(s.n);
        CudaStatus.dnn(cudnn.cudnnPoolingBackward(gpu.dnn, pooling, gpu.one, yd, output.ptr(), yd, dy.ptr(),
                x.batch(s.n), input.ptr(), gpu.zero, x.batch(s.n), inputGrad.ptr()), "cudnnPoolingBackward");
        return inputGrad;
    }
}
