package vsam.algorithm.sampling;

/**
 * Statistics of one SAM step, measured over the statistics scope of parameter tensors.
 *
 * @param psfNorm  {@code p = ‖PSF‖_scope}, with {@code PSF = g_s − g}
 * @param gradNorm {@code ‖g‖_scope} of the clean gradient
 */
public record SampleStats(double psfNorm, double gradNorm) {

    /** {@code r = ‖PSF‖ / ‖g‖}, 0 when {@code ‖g‖ = 0} (nothing to compare against). */
    public double ratio() {
        return gradNorm == 0 ? 0 : psfNorm / gradNorm;
    }
}
