package vsam.api.config;

/**
 * vSAM's hyper-parameters (ALGORITHMS.md §2.1; defaults follow the authors' public implementation).
 *
 * @param window              K: iterations per sampling window and samples kept in the statistics windows
 * @param blocks              B: blocks of the sorted-block variance; K must be divisible by B
 * @param alpha1              α₁: gain on the trend of the PSF/gradient ratio r
 * @param alpha2              α₂: gain on the trend of the variation v
 * @param gamma               decay of the reused PSF; 0 disables reuse
 * @param reuseHorizon        the reused PSF is dropped after this many non-sampling steps
 * @param maxSamplingFraction upper bound of s/K, in (0, 1]
 * @param statsScope          the last this-many parameter tensors feed the statistics; 0 = all tensors
 * @param warmup              full-SAM span before adaptation starts
 * @param initialS            s at the end of warm-up (SAM steps per window)
 */
public record VsamConfig(int window, int blocks, double alpha1, double alpha2, double gamma, int reuseHorizon,
                         double maxSamplingFraction, int statsScope, Warmup warmup, double initialS) {

    public VsamConfig {
        Check.atLeast("method.vsam.window", window, 2);
        Check.between("method.vsam.blocks", blocks, 1, window);
        if (window % blocks != 0) {
            throw new ConfigException("method.vsam.blocks", blocks, "a divisor of window (" + window + ")");
        }
        if (window / blocks < 2) {
            throw new ConfigException("method.vsam.blocks", blocks, "at most window/2 (" + window / 2 + "), so each block has 2 samples");
        }
        Check.closed("method.vsam.alpha1", alpha1, 0, 10);
        Check.closed("method.vsam.alpha2", alpha2, 0, 10);
        Check.halfOpen("method.vsam.gamma", gamma, 0, 1);
        Check.atLeast("method.vsam.reuseHorizon", reuseHorizon, 0);
        if (!(maxSamplingFraction > 0 && maxSamplingFraction <= 1) || Math.floor(window * maxSamplingFraction) < 1) {
            throw new ConfigException("method.vsam.maxSamplingFraction", maxSamplingFraction,
                    "a number in (0, 1] with floor(window · fraction) >= 1");
        }
        Check.atLeast("method.vsam.statsScope", statsScope, 0);
        Check.present("method.vsam.warmup", warmup);
        Check.closed("method.vsam.initialS", initialS, 1, Math.floor(window * maxSamplingFraction));
    }

    /** The defaults of ALGORITHMS.md §2.1. */
    public static VsamConfig defaults() {
        return new VsamConfig(50, 5, 0.13, 0.13, 0.7, 6, 0.8, 10, Warmup.auto(), 1);
    }

    /** The largest s: {@code floor(K · maxSamplingFraction)}. */
    public int maxS() {
        return (int) Math.floor(window * maxSamplingFraction);
    }

    public VsamConfig withGamma(double g) {
        return new VsamConfig(window, blocks, alpha1, alpha2, g, reuseHorizon, maxSamplingFraction, statsScope, warmup, initialS);
    }

    public VsamConfig withWarmup(Warmup w) {
        return new VsamConfig(window, blocks, alpha1, alpha2, gamma, reuseHorizon, maxSamplingFraction, statsScope, w, initialS);
    }

    public VsamConfig withWindow(int k, int b) {
        return new VsamConfig(k, b, alpha1, alpha2, gamma, reuseHorizon, maxSamplingFraction, statsScope, warmup, initialS);
    }

    public VsamConfig withSampling(double maxFraction, double s0) {
        return new VsamConfig(window, blocks, alpha1, alpha2, gamma, reuseHorizon, maxFraction, statsScope, warmup, s0);
    }
}
