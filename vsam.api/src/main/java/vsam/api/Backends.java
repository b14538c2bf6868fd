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
     * @throws BackendException naming the unknown id and listing the backends that were found
     */
    public static TensorBackend byId(String id) {
        List<TensorBackend> all = discover();
        return all.stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new BackendException("unknown backend '" + id + "' (found: "
                        + (all.isEmpty() ? "none" : String.join(", ", all.stream().map(TensorBackend::id).toList())) + ")"));
    }
}
