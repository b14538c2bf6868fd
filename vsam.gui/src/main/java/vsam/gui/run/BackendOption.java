package vsam.gui.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vsam.api.DeviceStatus;
import vsam.api.TensorBackend;
import vsam.api.config.Names;

/**
 * One backend and device as the availability probe reported it: a line of the backend drop-down.
 *
 * @param backend     backend id, e.g. {@code djl}
 * @param description what the backend runs on
 * @param device      device name, e.g. {@code cpu}
 * @param available   whether a session can be opened on it
 * @param detail      the probe's description when available, the reason when not
 */
public record BackendOption(String backend, String description, String device, boolean available, String detail) {

    /** Probes every backend (which may load native code: call off the JavaFX thread) and lists each device. */
    public static List<BackendOption> probe(List<TensorBackend> backends) {
        List<BackendOption> out = new ArrayList<>();
        for (TensorBackend b : backends) {
            List<DeviceStatus> devices;
            try {
                devices = b.probe();
            } catch (RuntimeException | LinkageError e) { // a probe must not throw; a broken one must not stop the app
                devices = List.of(DeviceStatus.unavailable("cpu", "probe failed: " + e));
            }
            for (DeviceStatus d : devices) {
                out.add(new BackendOption(b.id(), b.description(), d.device(), d.available(), d.detail()));
            }
        }
        return List.copyOf(out);
    }

    /** {@code djl · cpu}. */
    public String label() {
        return backend + " · " + device;
    }

    /**
     * What is wrong with choosing {@code backend} / {@code device} among {@code options}, in the command
     * line's words; empty when the choice is available.
     */
    public static Optional<String> problem(List<BackendOption> options, String backend, String device) {
        List<BackendOption> ofBackend = options.stream().filter(o -> o.backend().equals(backend)).toList();
        if (ofBackend.isEmpty()) {
            List<String> ids = options.stream().map(BackendOption::backend).distinct().toList();
            String hint = Names.nearest(backend, ids);
            return Optional.of("unknown backend '" + backend + "'" + (hint.isEmpty() ? "" : " (did you mean '" + hint + "'?)")
                    + "; available: " + describeAvailable(options));
        }
        Optional<BackendOption> match = ofBackend.stream().filter(o -> o.device().equals(device)).findFirst();
        if (match.isEmpty()) {
            return Optional.of("backend " + backend + " has no device '" + device + "'; available: " + describeAvailable(options));
        }
        if (!match.get().available()) {
            return Optional.of("backend " + backend + " cannot use " + device + ": " + match.get().detail() + "; available: "
                    + describeAvailable(options));
        }
        return Optional.empty();
    }

    /** {@code djl/cpu, javacpp/cpu}: every available choice, or a hint when there is none. */
    public static String describeAvailable(List<BackendOption> options) {
        List<String> usable = options.stream().filter(BackendOption::available).map(o -> o.backend() + "/" + o.device()).toList();
        return usable.isEmpty() ? "none (is a backend module on the module path?)" : String.join(", ", usable);
    }
}
