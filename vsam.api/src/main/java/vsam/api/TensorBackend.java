package vsam.api;

import java.util.List;

/**
 * The service a tensor backend provides, found with {@link java.util.ServiceLoader}.
 *
 * <p>Contract: constructing a backend and calling {@link #id()} or {@link #description()} must be cheap
 * and must not load native code; {@link #probe()} may load it and must never throw: a device that cannot
 * be used is reported unavailable with the reason. Native libraries are loaded for real by
 * {@link #open(SessionOptions)}.
 */
public interface TensorBackend {

    /** Short identifier used on the command line, e.g. {@code djl}, {@code javacpp}. */
    String id();

    /** One line saying what the backend runs on. */
    String description();

    /** Availability of each device this backend knows about, with a human-readable reason. Never throws. */
    List<DeviceStatus> probe();

    /**
     * Opens a session on a device.
     *
     * @throws BackendException when the device is unknown or unavailable (the message says why)
     */
    Session open(SessionOptions options);
}
