package vsam.backend.javacpp.cuda;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.cuda.cudnn.cudnnConvolutionBwdDataAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionBwdFilterAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionFwdAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionStruct;
import org.bytedeco.cuda.cudnn.cudnnFilterStruct;
import org.bytedeco.cuda.global.cudnn;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * 2-D convolution (cross-correlation, PyTorch's definition) with cuDNN, weight {@code W[K][C][k][k]}:
 * <pre>
 *   y[n][o] = Σ_c W[o][c] ⋆ x[n][c] (+ b[o])
 *   dW = cudnnConvolutionBackwardFilter(x, dy),  db = Σ_{n,h,w} dy,  dx = cudnnConvolutionBackwardData(W, dy)
 * </pre>
 * Algorithms are measured by {@code cudnnFind*} once per convolution geometry, batch size and direction
 * in a session (forward on the first forward pass, both backward directions on the first backward pass;
 * cached in {@link Gpu#convAlgorithms}) and chosen by {@link ConvAlgorithm#choose}; they share the
 * network's one {@link Workspace}. The input gradient is
 * not computed when nobody needs it (the first layer).
 *
 * <p>Uses cuDNN's legacy (descriptor) API, deprecated in cuDNN 9 in favour of the graph API but still
 * shipped and supported there; hence the suppressed deprecation warnings.
 */
@SuppressWarnings("deprecation")
final class Conv extends BufferedNode {

    private static final int REQUESTED = 8;

    private final Gpu gpu;
    private final long weightOffset;
    private final long biasOffset;
    private final TensorDesc x;
    private final TensorDesc y;
    private final TensorDesc bias;
    private final cudnnFilterStruct filter = new cudnnFilterStruct();
    private final cudnnConvolutionStruct conv = new cudnnConvolutionStruct();
    private final String name;
    private int mathType = -1;
    private DeviceFloats input;

    Conv(Gpu gpu, Layer.Conv2d layer, Shape in, long weightOffset) {
        super(in, layer.outputShape(in));
        this.gpu = gpu;
        this.weightOffset = weightOffset;
        this.biasOffset = layer.bias()
                ? weightOffset + (long) layer.outChannels() * layer.inChannels() * layer.kernel() * layer.kernel() : -1;
        this.name = "conv " + layer.inChannels() + "→" + layer.outChannels() + " k" + layer.kernel() + " s" + layer.stride()
                + " p" + layer.padding() + " on " + in;
        x = new TensorDesc(gpu, in.channels(), in.height(), in.width());
        y = new TensorDesc(gpu, out.channels(), out.height(), out.width());
        bias = layer.bias() ? TensorDesc.fixed(gpu, 1, out.channels(), 1, 1) : null;
        CudaStatus.dnn(cudnn.cudnnCreateFilterDescriptor(filter), "cudnnCreateFilterDescriptor");
        gpu.own(() -> cudnn.cudnnDestroyFilterDescriptor(filter));
        CudaStatus.dnn(cudnn.cudnnSetFilter4dDescriptor(filter, cudnn.CUDNN_DATA_FLOAT, cudnn.CUDNN_TENSOR_NCHW,
                layer.outChannels(), layer.inChannels(), layer.kernel(), layer.kernel()), "cudnnSetFilter4dDescriptor");
        CudaStatus.dnn(cudnn.cudnnCreateConvolutionDescriptor(conv), "cudnnCreateConvolutionDescriptor");
        gpu.own(() -> cudnn.cudnnDestroyConvolutionDescriptor(conv));
        CudaStatus.dnn(cudnn.cudnnSetConvolution2dDescriptor(conv, layer.padding(), layer.padding(), layer.stride(),
                layer.stride(), 1, 1, cudnn.CUDNN_CROSS_CORRELATION, cudnn.CUDNN_DATA_FLOAT), "cudnnSetConvolution2dDescriptor");
        math(cudnn.CUDNN_FMA_MATH);
    }

    private void math(int type) {
        if (type != mathType) {
            CudaStatus.dnn(cudnn.cudnnSetConvolutionMathType(conv, type), "cudnnSetConvolutionMathType");
            mathType = type;
        }
    }

    @Override
    DeviceFloats forward(PassContext s, DeviceFloats xIn) {
        input = xIn;
        var xd = x.batch(s.n);
        var yd = y.batch(s.n);
        ConvAlgorithm algo = gpu.convAlgorithms.get(key("forward", s.n));
        if (algo == null) {
            algo = findForward();
            gpu.convAlgorithms.put(key("forward", s.n), algo);
        }
        math(algo.mathType());
        Pointer ws = s.workspace.ensure(algo.workspace());
        CudaStatus.dnn(cudnn.cudnnConvolutionForward(gpu.dnn, gpu.one, xd, xIn.ptr(), filter, s.params.at(weightOffset),
                conv, algo.algo(), ws, algo.workspace(), gpu.zero, yd, output.ptr()), "cudnnConvolutionForward");
        if (bias != null) {
            CudaStatus.dnn(cudnn.cudnnAddTensor(gpu.dnn, gpu.one, bias.desc, s.params.at(biasOffset), gpu.one, yd,
                    output.ptr()), "cudnnAddTensor");
        }
        return output;
    }

    @Override
    DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
        var xd = x.batch(s.n);
        var yd = y.batch(s.n);
        ConvAlgorithm filterAlgo = gpu.convAlgorithms.get(key("backward filter", s.n));
        ConvAlgorithm dataAlgo = gpu.convAlgorithms.get(key("backward data", s.n));
        if (filterAlgo == null || dataAlgo == null) {
            ConvAlgorithm[] found = findBackward();
            dataAlgo = found[0];
            filterAlgo = found[1];
            gpu.convAlgorithms.put(key("backward data", s.n), dataAlgo);
            gpu.convAlgorithms.put(key("backward filter", s.n), filterAlgo);
        }
        math(filterAlgo.mathType());
        Pointer ws = s.workspace.ensure(filterAlgo.workspace());
        CudaStatus.dnn(cudnn.cudnnConvolutionBackwardFilter(gpu.dnn, gpu.one, xd, input.ptr(), yd, dy.ptr(), conv,
                filterAlgo.algo(), ws, filterAlgo.workspace(), gpu.zero, filter, s.grad.at(weightOffset)),
                "cudnnConvolutionBackwardFilter");
        if (bias != null) {
            CudaStatus.dnn(cudnn.cudnnConvolutionBackwardBias(gpu.dnn, gpu.one, yd, dy.ptr(), gpu.zero, bias.desc,
                    s.grad.at(biasOffset)), "cudnnConvolutionBackwardBias");
        }
        if (!needDx) {
            return null;
        }
        math(dataAlgo.mathType());
        ws = s.workspace.ensure(dataAlgo.workspace());
        CudaStatus.dnn(cudnn.cudnnConvolutionBackwardData(gpu.dnn, gpu.one, filter, s.params.at(weightOffset), yd,
                dy.ptr(), conv, dataAlgo.algo(), ws, dataAlgo.workspace(), gpu.zero, xd, inputGrad.ptr()),
                "cudnnConvolutionBackwardData");
        return inputGrad;
    }

    private String key(String direction, int n) {
        return name + " n" + n + " " + direction;
    }

    private ConvAlgorithm findForward() {
        math(cudnn.CUDNN_FMA_MATH);
        IntPointer returned = new IntPointer(1);
        List<ConvAlgorithm.Candidate> list = new ArrayList<>();
        try (cudnnConvolutionFwdAlgoPerf_t perf = new cudnnConvolutionFwdAlgoPerf_t(REQUESTED)) {
            CudaStatus.dnn(cudnn.cudnnFindConvolutionForwardAlgorithm(gpu.dnn, x.desc, filter, conv, y.desc, REQUESTED,
                    returned, perf), "cudnnFindConvolutionForwardAlgorithm");
            for (int i = 0; i < returned.get(); i++) {
                cudnnConvolutionFwdAlgoPerf_t p = perf.getPointer(i);
                list.add(new ConvAlgorithm.Candidate(p.algo(), p.status(), p.mathType(), p.memory(),
                        p.determinism() == cudnn.CUDNN_DETERMINISTIC));
            }
        }
        returned.close();
        return ConvAlgorithm.choose(list, "forward " + name);
    }

    /** {@code {backward data, backward filter}}. */
    private ConvAlgorithm[] findBackward() {
        math(cudnn.CUDNN_FMA_MATH);
        IntPointer returned = new IntPointer(1);
        List<ConvAlgorithm.Candidate> data = new ArrayList<>();
        try (cudnnConvolutionBwdDataAlgoPerf_t perf = new cudnnConvolutionBwdDataAlgoPerf_t(REQUESTED)) {
            CudaStatus.dnn(cudnn.cudnnFindConvolutionBackwardDataAlgorithm(gpu.dnn, filter, y.desc, conv, x.desc,
                    REQUESTED, returned, perf), "cudnnFindConvolutionBackwardDataAlgorithm");
            for (int i = 0; i < returned.get(); i++) {
                cudnnConvolutionBwdDataAlgoPerf_t p = perf.getPointer(i);
                data.add(new ConvAlgorithm.Candidate(p.algo(), p.status(), p.mathType(), p.memory(),
                        p.determinism() == cudnn.CUDNN_DETERMINISTIC));
            }
        }
        List<ConvAlgorithm.Candidate> filterList = new ArrayList<>();
        try (cudnnConvolutionBwdFilterAlgoPerf_t perf = new cudnnConvolutionBwdFilterAlgoPerf_t(REQUESTED)) {
            CudaStatus.dnn(cudnn.cudnnFindConvolutionBackwardFilterAlgorithm(gpu.dnn, x.desc, y.desc, conv, filter,
                    REQUESTED, returned, perf), "cudnnFindConvolutionBackwardFilterAlgorithm");
            for (int i = 0; i < returned.get(); i++) {
                cudnnConvolutionBwdFilterAlgoPerf_t p = perf.getPointer(i);
                filterList.add(new ConvAlgorithm.Candidate(p.algo(), p.status(), p.mathType(), p.memory(),
                        p.determinism() == cudnn.CUDNN_DETERMINISTIC));
            }
        }
        returned.close();
        return new ConvAlgorithm[] {
            ConvAlgorithm.choose(data, "backward data " + name), ConvAlgorithm.choose(filterList, "backward filter " + name)
        };
    }
}
