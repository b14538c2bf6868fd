package vsam.backend.javacpp;

import java.util.ArrayList;
import java.util.List;
import vsam.api.BackendException;
import vsam.api.DeviceStatus;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.TensorBackend;
import vsam.backend.javacpp.cpu.CpuSession;
import vsam.backend.javacpp.cuda.CudaSession;

/**
 * The {@code javacpp} backend: the {@link TensorBackend} service on JavaCPP presets, with device
 * {@code cpu} (OpenBLAS sgemm and BLAS-1, Java loops over native memory for the rest) and devices
 * {@code cuda:N} (cuBLAS, cuDNN and NVRTC-compiled kernels).
 *
 * <p>Constructing it and calling {@link #id()} or {@link #description()} loads nothing native.
 * {@link #probe()} loads OpenBLAS and the CUDA runtime once each, catching every {@link Throwable}
 * (an absent driver shows as {@link UnsatisfiedLinkError} on the first try and
 * {@link NoClassDefFoundError} afterwards) and caching the reason, so it never throws.
 */
public final class JavaCppBackend implements TensorBackend {

    /** The id used on the command line. */
    public static final String ID = "javacpp";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "JavaCPP: OpenBLAS and oneDNN on the CPU, CUDA (cuBLAS, cuDNN, NVRTC) on a GPU";
    }

    @Override
    public List<DeviceStatus> probe() {
        List<DeviceStatus> out = new ArrayList<>();
        NativeProbe.Result blas = NativeProbe.openBlas();
        out.add(blas.available()
                ? DeviceStatus.available("cpu", blas.detail())
                : DeviceStatus.unavailable("cpu", blas.detail()));
        NativeProbe.CudaResult cuda = NativeProbe.cuda();
        if (cuda.devices().isEmpty()) {
            out.add(DeviceStatus.unavailable("cuda:0", cuda.reason()));
        } else {
            for (int i = 0; i < cuda.devices().size(); i++) {
                out.add(DeviceStatus.available("cuda:" + i, cuda.devices().get(i)));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public Session open(SessionOptions options) {
        String device = options.device();
        if (device.equals("cpu")) {
            NativeProbe.Result blas = NativeProbe.openBlas();
            if (!blas.available()) {
                throw new BackendException("javacpp: cpu unavailable: " + blas.detail());
            }
            return new CpuSession(options.threads());
        }
        if (device.equals("cuda") || device.startsWith("cuda:")) {
            int index = parseCudaIndex(device);
            NativeProbe.CudaResult cuda = NativeProbe.cuda();
            if (cuda.devices().isEmpty()) {
                throw new BackendException("javacpp: " + device + " unavailable: " + cuda.reason());
            }
            if (index >= cuda.devices().size()) {
                throw new BackendException("javacpp: no device " + device + " (" + cuda.devices().size()
                        + " CUDA device(s) found)");
            }
            return new CudaSession(index);
        }
        throw new BackendException("javacpp has no device '" + device + "' (known: cpu, cuda:N)");
    }

    private static int parseCudaIndex(String device) {
        if (device.equals("cuda")) {
            return 0;
        }
        try {
            int i = Integer.parseInt(device.substring("cuda:".length()));
            if (i < 0) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new BackendException("javacpp: bad device name '" + device + "' (expected cuda:N)", e);
        }
    }
}
