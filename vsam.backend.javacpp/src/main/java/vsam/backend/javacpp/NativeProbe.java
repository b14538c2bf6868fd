package vsam.backend.javacpp;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.cudnn;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.openblas.global.openblas_nolapack;
import vsam.backend.javacpp.cpu.CpuSession;

/**
 * Loads the native libraries of the backend at most once each and remembers whether that worked and
 * why not: {@code probe()} and {@code open()} read the cached answers. Every {@link Throwable} is
 * caught here and turned into a reason, so a machine without OpenBLAS's natives or without a CUDA
 * driver never crashes discovery.
 */
public final class NativeProbe {

    /** Whether a library loaded; {@code detail} describes it, or says why it did not load. */
    public record Result(boolean available, String detail) {
    }

    /** The CUDA devices found (one description each), or the reason there are none. */
    public record CudaResult(List<String> devices, String reason) {
    }

    private static Result openBlas;
    private static CudaResult cuda;

    private NativeProbe() {
    }

    /** Loads OpenBLAS (without LAPACK) once. */
    public static synchronized Result openBlas() {
        if (openBlas == null) {
            try {
                String version = openblas_nolapack.OPENBLAS_VERSION.trim();
                openBlas = new Result(true, (version.startsWith("OpenBLAS") ? version : "OpenBLAS " + version)
                        + ", convolutions by " + CpuSession.defaultConvolutions() + ", " + CpuSession.elementLoops()
                        + ", threads set per session");
            } catch (Throwable t) {
                openBlas = new Result(false, describe(t));
            }
        }
        return openBlas;
    }

    /**
     * Loads the CUDA runtime once and counts the devices; when there are some, also loads cuBLAS, cuDNN
     * and NVRTC (the CUDA path needs all four), so a missing library shows here as the reason instead of
     * failing later when a session opens. Each device's description ends with the library versions.
     */
    public static synchronized CudaResult cuda() {
        if (cuda == null) {
            try {
                int[] count = new int[1];
                int rc = cudart.cudaGetDeviceCount(count);
                if (rc != cudart.cudaSuccess) {
                    cuda = new CudaResult(List.of(), "cudaGetDeviceCount: " + cudart.cudaGetErrorString(rc).getString());
                } else if (count[0] == 0) {
                    cuda = new CudaResult(List.of(), "no CUDA device");
                } else {
                    List<String> devices = new ArrayList<>();
                    for (int i = 0; i < count[0]; i++) {
                        try (cudaDeviceProp prop = new cudaDeviceProp()) {
                            cudart.cudaGetDeviceProperties(prop, i);
                            devices.add(prop.name().getString() + ", "
                                    + (prop.totalGlobalMem() >> 20) + " MiB");
                        }
                    }
                    String libraries;
                    try {
                        libraries = libraryVersions();
                    } catch (Throwable t) {
                        libraries = null;
                        cuda = new CudaResult(List.of(), t instanceof MissingLibrary ? t.getMessage() : describe(t));
                    }
                    if (libraries != null) {
                        List<String> described = new ArrayList<>();
                        for (String d : devices) {
                            described.add(d + ", " + libraries);
                        }
                        cuda = new CudaResult(List.copyOf(described), "");
                    }
                }
            } catch (Throwable t) {
                cuda = new CudaResult(List.of(), describe(t));
            }
        }
        return cuda;
    }

    /** A CUDA library that did not load; the message names it and says why. */
    private static final class MissingLibrary extends RuntimeException {
        MissingLibrary(String message) {
            super(message);
        }
    }

    /** Loads cuBLAS, cuDNN and NVRTC (each throws if its library is missing) and names their versions. */
    private static String libraryVersions() {
        int[] runtime = new int[1];
        cudart.cudaRuntimeGetVersion(runtime);
        String names = "CUDA runtime " + runtime[0] / 1000 + "." + runtime[0] % 1000 / 10;
        try {
            // cublasGetProperty needs no handle (cublasGetVersion takes one, and a null handle is not promised to work)
            int[] major = new int[1];
            int[] minor = new int[1];
            int[] patch = new int[1];
            boolean known = cublas.cublasGetProperty(cudart.MAJOR_VERSION, major) == cublas.CUBLAS_STATUS_SUCCESS
                    && cublas.cublasGetProperty(cudart.MINOR_VERSION, minor) == cublas.CUBLAS_STATUS_SUCCESS
                    && cublas.cublasGetProperty(cudart.PATCH_LEVEL, patch) == cublas.CUBLAS_STATUS_SUCCESS;
            names += known ? ", cuBLAS " + major[0] + "." + minor[0] + "." + patch[0] : ", cuBLAS";
        } catch (Throwable t) {
            throw new MissingLibrary("cuBLAS: " + describe(t));
        }
        try {
            long dnn = cudnn.cudnnGetVersion();
            names += ", cuDNN " + dnn / 10000 + "." + dnn % 10000 / 100 + "." + dnn % 100;
        } catch (Throwable t) {
            throw new MissingLibrary("cuDNN: " + describe(t));
        }
        try {
            int[] major = new int[1];
            int[] minor = new int[1];
            nvrtc.nvrtcVersion(major, minor);
            names += ", NVRTC " + major[0] + "." + minor[0];
        } catch (Throwable t) {
            throw new MissingLibrary("NVRTC: " + describe(t));
        }
        return names;
    }

    /** The one-line reason of a failed load: the exception's class and the first line of its message. */
    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
