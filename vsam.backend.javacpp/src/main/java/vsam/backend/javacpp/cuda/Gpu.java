package vsam.backend.javacpp.cuda;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.cudnn.cudnnContext;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.cudnn;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The CUDA state of one session on device {@code cuda:N}: the device, one stream, a cuBLAS handle and a
 * cuDNN handle bound to that stream, the NVRTC-compiled {@link Kernels}, the {@link DeviceMemory} that
 * owns every allocation, and host constants 1 and 0 for the {@code alpha}/{@code beta} arguments.
 *
 * <p>Everything is queued on the one stream, so work is ordered without events; the host waits only
 * where a value must come back (a loss, a dot product, a norm, {@code read()}). cuBLAS runs in its default
 * (FP32, no TF32) math mode with host pointer mode. {@link #enter()} makes the device current on the
 * calling thread (the CUDA runtime keeps the current device per thread), so a session may be opened on
 * one thread and trained on another.
 */
final class Gpu implements AutoCloseable {

    final int device;
    final String name;
    final CUstream_st stream = new CUstream_st();
    final cublasContext blas = new cublasContext();
    final cudnnContext dnn = new cudnnContext();
    final DeviceMemory memory;
    final Kernels kernels;
    /** Host {@code 1f}, for alpha arguments. */
    final FloatPointer one = new FloatPointer(1f);
    /** Host {@code 0f}, for beta arguments. */
    final FloatPointer zero = new FloatPointer(0f);
    /** Host scratch float, for scalar arguments and results of cuBLAS calls. */
    final FloatPointer scalar = new FloatPointer(1);
    /**
     * cuDNN convolution algorithms chosen so far, by convolution geometry, batch size and direction:
     * networks of the same shape built in one session search only once.
     */
    final Map<String, ConvAlgorithm> convAlgorithms = new HashMap<>();
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private boolean streamMade;
    private boolean blasMade;
    private boolean dnnMade;
    private boolean closed;

    Gpu(int device) {
        this.device = device;
        CudaStatus.runtime(cudart.cudaSetDevice(device), "cudaSetDevice(" + device + ")");
        // makes the primary context current on this thread before the driver API loads the kernels
        CudaStatus.runtime(cudart.cudaFree(null), "cudaFree(null) (context initialisation)");
        int major;
        int minor;
        try (cudaDeviceProp prop = new cudaDeviceProp()) {
            CudaStatus.runtime(cudart.cudaGetDeviceProperties(prop, device), "cudaGetDeviceProperties");
            name = prop.name().getString();
            major = prop.major();
            minor = prop.minor();
        }
        try {
            CudaStatus.runtime(cudart.cudaStreamCreate(stream), "cudaStreamCreate");
            streamMade = true;
            CudaStatus.blas(cublas.cublasCreate_v2(blas), "cublasCreate");
            blasMade = true;
            CudaStatus.blas(cublas.cublasSetStream_v2(blas, stream), "cublasSetStream");
            CudaStatus.blas(cublas.cublasSetPointerMode_v2(blas, cublas.CUBLAS_POINTER_MODE_HOST), "cublasSetPointerMode");
            CudaStatus.blas(cublas.cublasSetMathMode(blas, cublas.CUBLAS_DEFAULT_MATH), "cublasSetMathMode");
            CudaStatus.dnn(cudnn.cudnnCreate(dnn), "cudnnCreate");
            dnnMade = true;
            CudaStatus.dnn(cudnn.cudnnSetStream(dnn, stream), "cudnnSetStream");
            memory = new DeviceMemory(stream);
            kernels = new Kernels(stream, major, minor);
        } catch (RuntimeException | Error e) {
            release();
            throw e;
        }
    }

    /** Makes this session's device current on the calling thread. */
    void enter() {
        if (closed) {
            throw new IllegalStateException("the javacpp cuda session is closed");
        }
        CudaStatus.runtime(cudart.cudaSetDevice(device), "cudaSetDevice(" + device + ")");
    }

    /** Waits for all work queued on the stream. */
    void sync() {
        CudaStatus.runtime(cudart.cudaStreamSynchronize(stream), "cudaStreamSynchronize");
    }

    /** Registers a descriptor (or other native object) to destroy when the session closes. */
    <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    /** Copies {@code bytes} on the stream ({@code kind} one of {@code cudaMemcpy*}). */
    void copy(long dst, long src, long bytes, int kind) {
        CudaStatus.runtime(cudart.cudaMemcpyAsync(Address.floats(dst), Address.floats(src), bytes, kind, stream),
                "cudaMemcpyAsync");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        cudart.cudaSetDevice(device);
        if (streamMade) {
            cudart.cudaStreamSynchronize(stream);
        }
        release();
        closed = true;
    }

    private void release() {
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception ignored) {
                // closing goes on: every other resource must still be released
            }
        }
        if (kernels != null) {
            kernels.close();
        }
        if (memory != null) {
            memory.close();
        }
        if (dnnMade) {
            cudnn.cudnnDestroy(dnn);
            dnnMade = false;
        }
        if (blasMade) {
            cublas.cublasDestroy_v2(blas);
            blasMade = false;
        }
        if (streamMade) {
            cudart.cudaStreamDestroy(stream);
            streamMade = false;
        }
        one.close();
        zero.close();
        scalar.close();
    }
}
