package vsam.algorithm.sampling;

/**
 * What a sampling policy with an inner state reports to the telemetry each iteration
 * ({@link vsam.api.telemetry.IterationEvent}); {@link #NONE} for policies without one.
 *
 * @param samplesPerWindow vSAM's s, SAM steps per window
 * @param samplingRate     s / K
 * @param variation        the latest sorted-block variance of ‖PSF‖
 */
public record SamplingDiagnostics(double samplesPerWindow, double samplingRate, double variation) {

    /** Nothing to report: every value NaN. */
    public static final SamplingDiagnostics NONE = new SamplingDiagnostics(Double.NaN, Double.NaN, Double.NaN);
}
