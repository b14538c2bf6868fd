package vsam.backend.javacpp.cuda;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.cudnn;
import org.bytedeco.cuda.global.nvrtc;
import vsam.api.BackendException;

/**
 * Turns the status codes of the CUDA runtime and driver, cuBLAS, cuDNN and NVRTC into
 * {@link BackendException}s naming the call and the library's own message.
 */
final class CudaStatus {

    private CudaStatus() {
    }

    /** CUDA runtime ({@code cudaError_t}). */
    static void runtime(int rc, String call) {
        if (rc != cudart.cudaSuccess) {
            throw new BackendException("javacpp cuda: " + call + " failed: " + text(cudart.cudaGetErrorString(rc)) + " (" + rc + ")");
        }
    }

    /** CUDA driver ({@code CUresult}). */
    static void driver(int rc, String call) {
        if (rc != cudart.CUDA_SUCCESS) {
            BytePointer message = new BytePointer((org.bytedeco.javacpp.Pointer) null);
            String text = cudart.cuGetErrorString(rc, message) == cudart.CUDA_SUCCESS ? text(message) : "CUresult";
            throw new BackendException("javacpp cuda: " + call + " failed: " + text + " (" + rc + ")");
        }
    }

    /** cuBLAS ({@code cublasStatus_t}). */
    static void blas(int rc, String call) {
        if (rc != cublas.CUBLAS_STATUS_SUCCESS) {
            throw new BackendException("javacpp cuda: " + call + " failed: " + text(cublas.cublasGetStatusString(rc)) + " (" + rc + ")");
        }
    }

    /** cuDNN ({@code cudnnStatus_t}). */
    static void dnn(int rc, String call) {
        if (rc != cudnn.CUDNN_STATUS_SUCCESS) {
            throw new BackendException("javacpp cuda: " + call + " failed: " + text(cudnn.cudnnGetErrorString(rc)) + " (" + rc + ")");
        }
    }

    /** NVRTC ({@code nvrtcResult}); {@code log} is the compiler's output, appended when not empty. */
    static void rtc(int rc, String call, String log) {
        if (rc != nvrtc.NVRTC_SUCCESS) {
            throw new BackendException("javacpp cuda: " + call + " failed: " + text(nvrtc.nvrtcGetErrorString(rc))
                    + (log.isBlank() ? "" : "\n" + log));
        }
    }

    private static String text(BytePointer p) {
        return p == null || p.isNull() ? "unknown error" : p.getString();
    }
}
