package vsam.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Discovery of the {@link TensorBackend}s on the module path (or class path) at run time. */
public final class Backends {

    private Backends() {
    }

    /** Every backend found, sorted by id. Constructing them loads no native code. */
    public static List<TensorBackend> discover() {
        List<TensorBackend> found = new ArrayList<>();
        ServiceLoader.load(TensorBackend.class).forEach(found::add);
        found.sort(Comparator.comparing(TensorBackend::id));
        return List.copyOf(found);
    }

    /**
     * The backend named {@code id}.
     *
     * @throws UnknownBackendException naming the unknown id and listing the backends that were found
     */
    public static TensorBackend byId(String id) {
        List<TensorBackend> all = discover();
        return all.stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new UnknownBackendException("unknown backend '" + id + "' (found: "
                        + (all.isEmpty() ? "none" : String.join(", ", all.stream().map(TensorBackend::id).toList())) + ")"));
    }

    /**
     * The backend named {@code id}, after checking that {@code device} is available on it.
     *
     * @throws UnknownBackendException for an unknown backend (with the nearest name) or device
     * @throws BackendException        for a known device that is unavailable, with the reason; each lists
     *                                 what is available
     */
    public static TensorBackend require(String id, String device) {
        List<TensorBackend> all = discover();
        TensorBackend backend = all.stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow(() -> {
            String hint = vsam.api.config.Names.nearest(id, all.stream().map(TensorBackend::id).toList());
            return new UnknownBackendException("unknown backend '" + id + "'" + (hint.isEmpty() ? "" : " (did you mean '" + hint + "'?)")
                    + "; available: " + describeAvailable(all));
        });
        DeviceStatus status = backend.probe().stream().filter(d -> d.device().equals(device)).findFirst()
                .orElseThrow(() -> new UnknownBackendException("backend " + id + " has no device '" + device + "'; available: "
                        + describeAvailable(all)));
        if (!status.available()) {
            throw new BackendException("backend " + id + " cannot use " + device + ": " + status.detail() + "; available: "
                    + describeAvailable(all));
        }
        return backend;
    }

    /** {@code djl/cpu, javacpp/cpu}: every available backend and device, or a hint when there is none. */
    public static String describeAvailable(List<TensorBackend> backends) {
        List<String> usable = new ArrayList<>();
        for (TensorBackend b : backends) {
            for (DeviceStatus d : b.probe()) {
                if (d.available()) {
                    usable.add(b.id() + "/" + d.device());
                }
            }
        }
        return usable.isEmpty() ? "none (is a backend module on the module path?)" : String.join(", ", usable);
    }
}
