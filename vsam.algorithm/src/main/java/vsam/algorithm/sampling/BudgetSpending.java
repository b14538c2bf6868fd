package vsam.algorithm.sampling;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import vsam.api.config.BudgetConfig;

/**
 * {@code vsam-budget}'s sampling policy (docs/ALGORITHMS.md §2.4): a budget of {@code N = round(F·T)} SAM
 * steps over a run of T iterations, spent where vSAM's signals rise.
 *
 * <ul>
 *   <li>Warm-up: the first {@code W = min(warm-up, N)} iterations are SAM steps (they count in the budget).</li>
 *   <li>Every K iterations after it, the gain g and the spending rate q for the next K are set from the
 *       trends vSAM uses ({@code ΔR}, {@code ΔV}: {@link VariationDriven#relativeTrend} of the last K ratios
 *       {@code r = ‖PSF‖/‖g‖} and sorted-block variances) and the budget left:
 *       {@code g ← clip(g^λ · (1 + α₁ΔR + α₂ΔV), 1/M, M)} (g = 1 at first; λ = {@value BudgetConfig#LEAK}, so the
 *       gain compounds over windows as vSAM's s does, but forgets: a steady small trend holds it near
 *       {@code (1 + α₁ΔR + α₂ΔV)^(1/(1−λ))}), then {@code q = clip(g · (N − n) / (T − t), 0, 1)};
 *       M = {@value BudgetConfig#MAX_FACTOR}, n the SAM steps taken, t the iteration.</li>
 *   <li>Every iteration {@code a ← a + q}; SAM iff {@code a ≥ 1 and n < N} (then {@code a ← a − 1}), or
 *       {@code N − n ≥ T − t} (the rest of the run is needed to meet the budget).</li>
 * </ul>
 * The spending is an error-diffused rate, not a draw: SAM steps are spread evenly at the current rate, the
 * run's SAM steps are exactly N (the fill rule and the cap make it so; N is within 0.5 of F·T), and the
 * decisions depend on the observed statistics only. A rate the signals push up spends the budget sooner,
 * which lowers the rate the budget left allows later: the controller tracks its budget by construction.
 */
public final class BudgetSpending implements SamplingPolicy {

    private final int window;
    private final int blocks;
    private final double alpha1;
    private final double alpha2;
    private final long budget;
    private final long warmupIterations;
    private final long totalIterations;
    private final RecentValues psfNorms;
    private final RecentValues ratios;
    private final VariationHistory variations = new VariationHistory();

    private long used;
    private double gain = 1;
    private double accumulated;
    private double rate;
    private long sinceWarmup;
    private double lastVariation = Double.NaN;

    /**
     * @param config           the budget and vSAM's signal parameters
     * @param warmupIterations the warm-up the configuration resolves to (cut to the budget here)
     * @param totalIterations  T, the run's iterations
     */
    public BudgetSpending(BudgetConfig config, long warmupIterations, long totalIterations) {
        if (totalIterations < 1) {
            throw new IllegalArgumentException("a budget needs a run of at least one iteration, got " + totalIterations);
        }
        this.window = config.window();
        this.blocks = config.blocks();
        this.alpha1 = config.alpha1();
        this.alpha2 = config.alpha2();
        this.totalIterations = totalIterations;
        this.budget = Math.round(config.samBudget() * totalIterations);
        this.warmupIterations = Math.min(warmupIterations, budget);
        this.psfNorms = new RecentValues(window);
        this.ratios = new RecentValues(window);
        this.rate = evenRate(this.warmupIterations);
    }

    /** N, the run's SAM steps. */
    public long budget() {
        return budget;
    }

    @Override
    public boolean sampleNow(StepContext ctx) {
        long t = ctx.iteration();
        long left = totalIterations - t;
        if (used >= budget) {
            return take(false);
        }
        if (t < warmupIterations || budget - used >= left) {
            return take(true);
        }
        if (sinceWarmup % window == 0) {
            gain = Math.min(BudgetConfig.MAX_FACTOR, Math.max(1 / BudgetConfig.MAX_FACTOR,
                    Math.pow(gain, BudgetConfig.LEAK) * factor()));
            rate = Math.min(1, Math.max(0, gain * (budget - used) / (double) left));
        }
        sinceWarmup++;
        accumulated += rate;
        if (accumulated >= 1) {
            accumulated -= 1;
            return take(true);
        }
        return false;
    }

    private boolean take(boolean sample) {
        if (sample) {
            used++;
        }
        return sample;
    }

    /** {@code max(0, 1 + α₁ΔR + α₂ΔV)} from the statistics windows; 1 before any sample. */
    private double factor() {
        double trendR = VariationDriven.relativeTrend(ratios.inOrder());
        double trendV = variations.trendOverLast(window);
        return Math.max(0, 1 + alpha1 * trendR + alpha2 * trendV);
    }

    private double evenRate(long from) {
        return totalIterations > from ? (double) (budget - from) / (totalIterations - from) : 0;
    }

    @Override
    public void observe(SampleStats stats) {
        psfNorms.add(stats.psfNorm());
        ratios.add(stats.ratio());
        lastVariation = VariationDriven.sortedBlockVariance(psfNorms.sorted(), blocks);
        variations.add(lastVariation);
    }

    @Override
    public SamplingDiagnostics diagnostics() {
        return new SamplingDiagnostics(rate * window, rate, lastVariation);
    }

    /** g, the signals' gain on the even rate now. */
    public double gain() {
        return gain;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(used);
        out.writeDouble(gain);
        out.writeDouble(accumulated);
        out.writeDouble(rate);
        out.writeLong(sinceWarmup);
        out.writeDouble(lastVariation);
        psfNorms.write(out);
        ratios.write(out);
        variations.write(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        used = in.readLong();
        gain = in.readDouble();
        accumulated = in.readDouble();
        rate = in.readDouble();
        sinceWarmup = in.readLong();
        lastVariation = in.readDouble();
        psfNorms.read(in);
        ratios.read(in);
        variations.read(in);
    }
}
