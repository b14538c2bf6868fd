package vsam.bench.speed;

/**
 * The targets of issue 17 ("Speed: steady steps, vSAM's saving visible on the wall clock, ..."), as the speed
 * benchmark checks them. The epoch targets are for full Fashion-MNIST (60,000 training images) on the 2-core
 * reference machine; on another training set they are scaled by its size ({@link #epochSeconds}).
 */
public final class SpeedTargets {

    /** SAM's training time at least this many times SGD's (2 passes against 1, little else). */
    public static final double SAM_OVER_SGD_MIN = 1.85;
    /** vSAM's training time at most this share of SAM's (at about 1.07 passes per step). */
    public static final double VSAM_OVER_SAM_MAX = 0.56;
    /** A vSAM reuse step at most this many times an SGD step, by median. */
    public static final double REUSE_OVER_SGD_MEDIAN_MAX = 1.03;
    /** p90/p10 of SGD's step times at most this, on a quiet machine. */
    public static final double SGD_SPREAD_MAX = 1.3;
    /** javacpp's speed at least this many times PyTorch eager's, per SGD epoch, measured side by side. */
    public static final double JAVACPP_OVER_PYTORCH_MIN = 1.5;
    /** djl's speed at least this share of PyTorch eager's, per SGD epoch, measured side by side. */
    public static final double DJL_OVER_PYTORCH_MIN = 0.95;
    /** Training images the epoch targets are stated for. */
    public static final int EPOCH_IMAGES = 60_000;

    private SpeedTargets() {
    }

    /**
     * The least speed against PyTorch eager ({@code PyTorch's epoch time / the backend's}) for {@code backend}:
     * {@link #JAVACPP_OVER_PYTORCH_MIN} or {@link #DJL_OVER_PYTORCH_MIN}; NaN for another backend.
     */
    public static double speedOverPyTorchMin(String backend) {
        return switch (backend) {
            case "javacpp" -> JAVACPP_OVER_PYTORCH_MIN;
            case "djl" -> DJL_OVER_PYTORCH_MIN;
            default -> Double.NaN;
        };
    }

    /**
     * The target for one SGD epoch of {@code images} training images on {@code backend}, in seconds:
     * {@code 12 s} (javacpp, 1.5× PyTorch eager) or {@code 18 s} (djl, 0.95× PyTorch eager) per 60,000
     * images, times {@code images / 60,000}; NaN for another backend.
     */
    public static double epochSeconds(String backend, int images) {
        double full = switch (backend) {
            case "javacpp" -> 12.0;
            case "djl" -> 18.0;
            default -> Double.NaN;
        };
        return full * images / EPOCH_IMAGES;
    }
}
