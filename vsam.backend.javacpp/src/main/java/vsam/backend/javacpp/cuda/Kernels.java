package vsam.backend.javacpp.cuda;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;
import vsam.api.BackendException;

/**
 * The backend's own kernels ({@link KernelSource}), compiled by NVRTC for the session's device
 * ({@code sm_XY} to a CUBIN, falling back to {@code compute_XY} PTX for the driver to finish), loaded
 * with the driver API into the device's primary context, and launched on the session's stream.
 *
 * <p>Arguments are staged in one reused {@link KernelArgs} block. Not thread-safe (one session, one
 * thread).
 */
final class Kernels implements AutoCloseable {

    /** Threads per block of every grid-stride kernel. */
    static final int BLOCK = 256;
    private static final int MAX_BLOCKS = 8192;

    private final CUstream_st stream;
    private final CUmod_st module = new CUmod_st();
    private final Map<String, CUfunc_st> functions = new HashMap<>();
    private final KernelArgs args = new KernelArgs();
    private boolean loaded;

    /** Compiles and loads the kernels for a device of compute capability {@code major.minor}. */
    Kernels(CUstream_st stream, int major, int minor) {
        this.stream = stream;
        BytePointer image = compile(major, minor);
        try {
            CudaStatus.driver(cudart.cuModuleLoadData(module, image), "cuModuleLoadData");
            loaded = true;
        } finally {
            image.close();
        }
        for (String name : KernelSource.NAMES) {
            CUfunc_st f = new CUfunc_st();
            CudaStatus.driver(cudart.cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + name + ")");
            functions.put(name, f);
        }
    }

    private static BytePointer compile(int major, int minor) {
        String arch = major + "" + minor;
        try {
            return compile("--gpu-architecture=sm_" + arch, true);
        } catch (BackendException cubinFailed) {
            try {
                return compile("--gpu-architecture=compute_" + arch, false);
            } catch (BackendException ptxFailed) {
                ptxFailed.addSuppressed(cubinFailed);
                throw ptxFailed;
            }
        }
    }

    private static BytePointer compile(String archOption, boolean cubin) {
        _nvrtcProgram program = new _nvrtcProgram();
        CudaStatus.rtc(nvrtc.nvrtcCreateProgram(program, new BytePointer(KernelSource.SOURCE), new BytePointer("vsam_kernels.cu"),
                0, (PointerPointer<?>) null, (PointerPointer<?>) null), "nvrtcCreateProgram", "");
        try {
            PointerPointer<?> options = new PointerPointer<>(archOption, "--fmad=false", "--prec-div=true",
                    "--prec-sqrt=true", "--ftz=false", "--std=c++17");
            int rc = nvrtc.nvrtcCompileProgram(program, 6, options);
            CudaStatus.rtc(rc, "nvrtcCompileProgram(" + archOption + ")", rc == nvrtc.NVRTC_SUCCESS ? "" : log(program));
            SizeTPointer size = new SizeTPointer(1);
            BytePointer image;
            if (cubin) {
                CudaStatus.rtc(nvrtc.nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize", "");
                image = new BytePointer(size.get());
                CudaStatus.rtc(nvrtc.nvrtcGetCUBIN(program, image), "nvrtcGetCUBIN", "");
            } else {
                CudaStatus.rtc(nvrtc.nvrtcGetPTXSize(program, size), "nvrtcGetPTXSize", "");
                image = new BytePointer(size.get());
                CudaStatus.rtc(nvrtc.nvrtcGetPTX(program, image), "nvrtcGetPTX", "");
            }
            return image;
        } finally {
            nvrtc.nvrtcDestroyProgram(program);
        }
    }

    private static String log(_nvrtcProgram program) {
        SizeTPointer size = new SizeTPointer(1);
        if (nvrtc.nvrtcGetProgramLogSize(program, size) != nvrtc.NVRTC_SUCCESS || size.get() <= 1) {
            return "";
        }
        BytePointer text = new BytePointer(size.get());
        nvrtc.nvrtcGetProgramLog(program, text);
        return text.getString();
    }

    /** Starts staging the arguments of the next launch. */
    Kernels args() {
        args.reset();
        return this;
    }

    /** Adds a device pointer argument. */
    Kernels ptr(long address) {
        args.ptr(address);
        return this;
    }

    /** Adds a device pointer argument. */
    Kernels ptr(DeviceFloats f) {
        args.ptr(f.address);
        return this;
    }

    /** Adds an {@code int} argument. */
    Kernels i32(int v) {
        args.i32(v);
        return this;
    }

    /** Adds a {@code float} argument. */
    Kernels f32(float v) {
        args.f32(v);
        return this;
    }

    /** Adds a {@code double} argument. */
    Kernels f64(double v) {
        args.f64(v);
        return this;
    }

    /** Launches {@code name} over {@code work} items as a grid-stride loop with the staged arguments. */
    void launch(String name, long work) {
        int blocks = (int) Math.max(1, Math.min(MAX_BLOCKS, (work + BLOCK - 1) / BLOCK));
        launch(name, blocks, BLOCK);
    }

    /** Launches {@code name} with an explicit grid and block size. */
    void launch(String name, int blocks, int threads) {
        CUfunc_st f = functions.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no kernel " + name);
        }
        CudaStatus.driver(cudart.cuLaunchKernel(f, blocks, 1, 1, threads, 1, 1, 0, stream, args.params(), (PointerPointer<?>) null),
                "cuLaunchKernel(" + name + ")");
    }

    @Override
    public void close() {
        if (loaded) {
            cudart.cuModuleUnload(module);
            loaded = false;
        }
        args.close();
    }
}
