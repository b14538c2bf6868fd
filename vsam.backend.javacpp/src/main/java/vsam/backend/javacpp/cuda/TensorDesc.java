package vsam.backend.javacpp.cuda;

import org.bytedeco.cuda.cudnn.cudnnTensorStruct;
import org.bytedeco.cuda.global.cudnn;

/**
 * A cuDNN 4-d float {@code NCHW} tensor descriptor whose batch size follows the pass: {@link #batch}
 * re-describes it only when {@code n} changed. Destroyed with the session.
 */
final class TensorDesc {

    final cudnnTensorStruct desc = new cudnnTensorStruct();
    private final int c;
    private final int h;
    private final int w;
    private int n = -1;

    TensorDesc(Gpu gpu, int c, int h, int w) {
        this.c = c;
        this.h = h;
        this.w = w;
        CudaStatus.dnn(cudnn.cudnnCreateTensorDescriptor(desc), "cudnnCreateTensorDescriptor");
        gpu.own(() -> cudnn.cudnnDestroyTensorDescriptor(desc));
    }

    /** A fixed descriptor {@code n × c × h × w}, e.g. {@code 1 × C × 1 × 1} for per-channel parameters. */
    static TensorDesc fixed(Gpu gpu, int n, int c, int h, int w) {
        TensorDesc d = new TensorDesc(gpu, c, h, w);
        d.batch(n);
        return d;
    }

    /** Describes {@code n} examples; returns the descriptor. */
    cudnnTensorStruct batch(int n) {
        if (n != this.n) {
            CudaStatus.dnn(cudnn.cudnnSetTensor4dDescriptor(desc, cudnn.CUDNN_TENSOR_NCHW, cudnn.CUDNN_DATA_FLOAT,
                    n, c, h, w), "cudnnSetTensor4dDescriptor");
            this.n = n;
        }
        return desc;
    }
}
