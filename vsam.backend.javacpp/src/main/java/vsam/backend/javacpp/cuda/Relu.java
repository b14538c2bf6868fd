package vsam.backend.javacpp.cuda;

import org.bytedeco.cuda.cudnn.cudnnActivationStruct;
import org.bytedeco.cuda.global.cudnn;
import vsam.api.model.Shape;

/** Rectified linear unit with cuDNN: {@code y = max(x, 0)}, {@code dx = dy · [x > 0]}. *
 * <p>Uses cuDNN's legacy (descriptor) API, deprecated in cuDNN 9 in favour of the graph API but still
 * shipped and supported there; hence the suppressed deprecation warnings.
 */
@SuppressWarnings("deprecation")
final class Relu extends BufferedNode {

    private final Gpu gpu;
    private final TensorDesc desc;
    private final cudnnActivationStruct activation = new cudnnActivationStruct();
    private DeviceFloats input;

    Relu(Gpu gpu, Shape in) {
        super(in, in);
        this.gpu = gpu;
        desc = new TensorDesc(gpu, in.channels(), in.height(), in.width());
        CudaStatus.dnn(cudnn.cudnnCreateActivationDescriptor(activation), "cudnnCreateActivationDescriptor");
        gpu.own(() -> cudnn.cudnnDestroyActivationDescriptor(activation));
        CudaStatus.dnn(cudnn.cudnnSetActivationDescriptor(activation, cudnn.CUDNN_ACTIVATION_RELU,
                cudnn.CUDNN_NOT_PROPAGATE_NAN, 0.0), "cudnnSetActivationDescriptor");
    }

    @Override
    DeviceFloats forward(PassContext s, DeviceFloats x) {
        input = x;
        var d = desc.batch(s.n);
        CudaStatus.dnn(cudnn.cudnnActivationForward(gpu.dnn, activation, gpu.one, d, x.ptr(), gpu.zero, d, output.ptr()),
                "cudnnActivationForward");
        return output;
    }

    @Override
    DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
        if (!needDx) {
            return null;
        }
        var d = desc.batch(s.n);
        CudaStatus.dnn(cudnn.cudnnActivationBackward(gpu.dnn, activation, gpu.one, d, output.ptr(), d, dy.ptr(), d,
                input.ptr(), gpu.zero, d, inputGrad.ptr()), "cudnnActivationBackward");
        return inputGrad;
    }
}
