package vsam.api.config;

/**
 * vSAM's hyper-parameters (docs/ALGORITHMS.md §2.1; defaults follow the authors' public implementation).
 *
 * @param window              K: iterations per sampling window and samples kept in the statistics windows
 * @param blocks              B: blocks of the sorted-block variance; K must be divisible by B
 * @param alpha1              α₁: gain on the trend of the PSF/gradient ratio r
 * @param alpha2              α₂: gain on the trend of the variation v
 * @param gamma               decay of the reused PSF; 0 disables reuse
 * @param reuseHorizon        the reused PSF is dropped after this many non-sampling steps
 * @param maxSamplingFraction upper bound of s/K, in (0, 1]
 * @param warmup              full-SAM span before adaptation starts
 * @param initialS            s at the end of warm-up (SAM steps per window)
 * @param gainHorizon         0 for the paper's controller; otherwise the run length, in iterations, the gains
 *                            were tuned for: a shorter run compounds each window's update of s as if it
 *                            were that long (see {@link #gainExponent(long)}). Not in the paper: this
 *                            project's refinement for short runs ({@code vsam-rl} in the experiment)
 */
public record VsamConfig(int window, int blocks, double alpha1, double alpha2, double gamma, int reuseHorizon,
                         double maxSamplingFraction, Warmup warmup, double initialS, long gainHorizon)
        implements MethodParams {

    public VsamConfig {
        Settings.WINDOW.check(window);
        Settings.BLOCKS.check(blocks);
        if (blocks > window || window % blocks != 0) {
            throw new ConfigException("method.vsam.blocks", blocks, "a divisor of window (" + window + ")");
        }
        if (window / blocks < 2) {
            throw new ConfigException("method.vsam.blocks", blocks, "at most window/2 (" + window / 2 + "), so each block has 2 samples");
        }
        Settings.ALPHA1.check(alpha1);
        Settings.ALPHA2.check(alpha2);
        Settings.GAMMA.check(gamma);
        Settings.REUSE_HORIZON.check(reuseHorizon);
        Settings.MAX_FRACTION.check(maxSamplingFraction);
        if (Math.floor(window * maxSamplingFraction) < 1) {
            throw new ConfigException("method.vsam.maxSamplingFraction", maxSamplingFraction,
                    "a number in (0, 1] with floor(window · fraction) >= 1");
        }
        Check.present("method.vsam.warmup", warmup);
        Check.closed("method.vsam.initialS", initialS, 1, Math.floor(window * maxSamplingFraction));
        Settings.GAIN_HORIZON.check(gainHorizon);
    }

    /**
     * The reference run the paper's gains were tuned for, in iterations: 200 CIFAR epochs of 391
     * batches of 128 (docs/ALGORITHMS.md §4), 1,564 windows of 50.
     */
    public static final long PAPER_RUN_ITERATIONS = 200L * 391;

    /**
     * The power each window's factor {@code 1 + α₁ΔR + α₂ΔV} is raised to in a run of
     * {@code adaptiveIterations} post-warm-up iterations: {@code max(1, gainHorizon / adaptiveIterations)},
     * so the run's windows together move {@code s} as far as the horizon's windows would; 1 (the paper's
     * rule) when {@code gainHorizon} is 0 or the run is at least that long.
     */
    public double gainExponent(long adaptiveIterations) {
        if (gainHorizon == 0 || adaptiveIterations <= 0) {
            return 1;
        }
        return Math.max(1, (double) gainHorizon / adaptiveIterations);
    }

    /** The defaults of docs/ALGORITHMS.md §2.1. */
    public static VsamConfig defaults() {
        return new VsamConfig(50, 5, 0.13, 0.13, 0.7, 6, 0.8, Warmup.auto(), 1, 0);
    }

    @Override
    public String key() {
        return "vsam";
    }

    /** The largest s: {@code floor(K · maxSamplingFraction)}. */
    public int maxS() {
        return (int) Math.floor(window * maxSamplingFraction);
    }

    public VsamConfig withGamma(double g) {
        return new VsamConfig(window, blocks, alpha1, alpha2, g, reuseHorizon, maxSamplingFraction, warmup, initialS, gainHorizon);
    }

    public VsamConfig withWarmup(Warmup w) {
        return new VsamConfig(window, blocks, alpha1, alpha2, gamma, reuseHorizon, maxSamplingFraction, w, initialS, gainHorizon);
    }

    public VsamConfig withWindow(int k, int b) {
        return new VsamConfig(k, b, alpha1, alpha2, gamma, reuseHorizon, maxSamplingFraction, warmup, initialS, gainHorizon);
    }

    public VsamConfig withSampling(double maxFraction, double s0) {
        return new VsamConfig(window, blocks, alpha1, alpha2, gamma, reuseHorizon, maxFraction, warmup, s0, gainHorizon);
    }

    public VsamConfig withGainHorizon(long iterations) {
        return new VsamConfig(window, blocks, alpha1, alpha2, gamma, reuseHorizon, maxSamplingFraction, warmup,
                initialS, iterations);
    }
}
