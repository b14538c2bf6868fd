package vsam.api.config;

/**
 * LookSAM's hyper-parameters (Liu et al., CVPR 2022; docs/ALGORITHMS.md §3).
 *
 * @param period k: a SAM step every k-th iteration
 * @param alpha  α_l: weight of the stored orthogonal component added on the other steps
 */
public record LookSamConfig(int period, double alpha) implements MethodParams {

    public LookSamConfig {
        Settings.LOOKSAM_K.check(period);
        Settings.LOOKSAM_ALPHA.check(alpha);
    }

    /** k = 5, α = 0.7. */
    public static LookSamConfig defaults() {
        return new LookSamConfig(5, 0.7);
    }

    @Override
    public String key() {
        return "looksam";
    }
}
