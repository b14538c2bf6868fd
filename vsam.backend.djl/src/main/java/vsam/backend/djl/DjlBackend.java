package vsam.backend.djl;

import java.util.List;
import vsam.api.BackendException;
import vsam.api.DeviceStatus;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.TensorBackend;

/**
 * The {@code djl} tensor backend: DJL 0.36 with the PyTorch 2.7.1 engine on the CPU.
 *
 * <p>Constructing it, {@link #id()} and {@link #description()} touch no DJL class and load nothing
 * native; {@link #probe()} loads the engine (once per process, in DJL's offline mode) and reports the
 * CPU available or unavailable with the reason, never throwing. Sessions run on device {@code cpu}
 * only: no GPU build of libtorch is served for this DJL line.
 */
public final class DjlBackend implements TensorBackend {

    /** The backend's identifier. */
    public static final String ID = "djl";
    /** The only device this backend drives. */
    static final String CPU = "cpu";

    /** Cheap: loads nothing. */
    public DjlBackend() {
        // nothing to do: the engine is loaded on first probe() or open()
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "DJL 0.36 + PyTorch 2.7.1 (libtorch on the CPU)";
    }

    @Override
    public List<DeviceStatus> probe() {
        try {
            return List.of(DeviceStatus.available(CPU, PyTorchRuntime.describe()));
        } catch (Throwable t) { // NOPMD: discovery must never crash, whatever the native loader throws
            return List.of(DeviceStatus.unavailable(CPU, t instanceof BackendException ? t.getMessage() : PyTorchRuntime.reason(t)));
        }
    }

    @Override
    public Session open(SessionOptions options) {
        if (!CPU.equals(options.device())) {
            throw new BackendException("the djl backend has no device '" + options.device() + "' (available: " + CPU + ")");
        }
        return new DjlSession(PyTorchRuntime.engine(), options.threads());
    }
}
