package vsam.api.config;

/**
 * {@code vsam-budget}'s hyper-parameters (docs/ALGORITHMS.md §2.4): a fixed share of SAM steps over the
 * run, spent where vSAM's signals say, with vSAM's PSF reuse between samples. The signal and reuse
 * fields mean what vSAM's do ({@link VsamConfig}); the command line and the form share their options.
 *
 * @param samBudget    F: the share of the run's iterations that are SAM steps, in (0, 1]; passes per step ≈ 1 + F
 * @param window       K: iterations between two updates of the spending rate, and samples in the statistics windows
 * @param blocks       B of the sorted-block variance; K must be divisible by B, K/B ≥ 2
 * @param alpha1       α₁: gain on the trend of the PSF/gradient ratio r
 * @param alpha2       α₂: gain on the trend of the variation v
 * @param gamma        decay of the reused PSF; 0 disables reuse
 * @param reuseHorizon the reused PSF is dropped after this many non-sampling steps
 * @param warmup       full-SAM span at the start, counted in the budget (cut to the budget if longer)
 */
public record BudgetConfig(double samBudget, int window, int blocks, double alpha1, double alpha2, double gamma,
                           int reuseHorizon, Warmup warmup) implements MethodParams {

    /** The bound of the signals' gain: the spending rate moves at most 4× above or below the even rate. */
    public static final double MAX_FACTOR = 4;

    /** How much of the gain a window keeps (in log scale) before the new trends multiply it. */
    public static final double LEAK = 0.9;

    public BudgetConfig {
        Settings.SAM_BUDGET.check(samBudget);
        Settings.WINDOW.check(window);
        Settings.BLOCKS.check(blocks);
        if (blocks > window || window % blocks != 0 || window / blocks < 2) {
            throw new ConfigException("method.budget.blocks", blocks, "a divisor of window (" + window + ") of at most window/2");
        }
        Settings.ALPHA1.check(alpha1);
        Settings.ALPHA2.check(alpha2);
        Settings.GAMMA.check(gamma);
        Settings.REUSE_HORIZON.check(reuseHorizon);
        Check.present("method.budget.warmup", warmup);
    }

    /**
     * F = 0.2, gains α₁ = α₂ = 0.5 (vSAM's 0.13 were tuned for s compounding over 1,564 windows; the budget's
     * gain forgets, so it needs larger ones to move), and vSAM's defaults for the rest (K 50, B 5, γ 0.7, H 6,
     * automatic warm-up).
     */
    public static BudgetConfig defaults() {
        VsamConfig v = VsamConfig.defaults();
        return new BudgetConfig(0.2, v.window(), v.blocks(), 0.5, 0.5, v.gamma(), v.reuseHorizon(), v.warmup());
    }

    @Override
    public String key() {
        return "budget";
    }

    public BudgetConfig withBudget(double f) {
        return new BudgetConfig(f, window, blocks, alpha1, alpha2, gamma, reuseHorizon, warmup);
    }

    public BudgetConfig withGains(double a1, double a2) {
        return new BudgetConfig(samBudget, window, blocks, a1, a2, gamma, reuseHorizon, warmup);
    }

    public BudgetConfig withGamma(double g) {
        return new BudgetConfig(samBudget, window, blocks, alpha1, alpha2, g, reuseHorizon, warmup);
    }

    public BudgetConfig withWarmup(Warmup w) {
        return new BudgetConfig(samBudget, window, blocks, alpha1, alpha2, gamma, reuseHorizon, w);
    }

    public BudgetConfig withWindow(int k, int b) {
        return new BudgetConfig(samBudget, k, b, alpha1, alpha2, gamma, reuseHorizon, warmup);
    }
}
