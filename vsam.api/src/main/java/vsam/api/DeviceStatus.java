package vsam.api;

/**
 * Whether one device of a backend can be used, and why not.
 *
 * @param device    device name, e.g. {@code cpu} or {@code cuda:0}
 * @param available whether a session can be opened on it
 * @param detail    a human-readable reason when unavailable, a short description otherwise
 */
public record DeviceStatus(String device, boolean available, String detail) {

    public static DeviceStatus available(String device, String description) {
        return new DeviceStatus(device, true, description);
    }

    public static DeviceStatus unavailable(String device, String reason) {
        return new DeviceStatus(device, false, reason);
    }
}
