package vsam.api;

/**
 * How to open a backend session.
 *
 * @param device  device name as listed by {@link TensorBackend#probe()}, e.g. {@code cpu}, {@code cuda:0}
 * @param threads intra-op threads on the CPU; 0 lets the backend choose
 */
public record SessionOptions(String device, int threads) {

    public SessionOptions {
        if (device == null || device.isBlank()) {
            throw new IllegalArgumentException("device must be named, e.g. 'cpu'");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = backend default), got " + threads);
        }
    }

    /** The CPU with the backend's default thread count. */
    public static SessionOptions cpu() {
        return new SessionOptions("cpu", 0);
    }
}
