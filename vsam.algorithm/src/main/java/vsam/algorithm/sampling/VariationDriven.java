package vsam.algorithm.sampling;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import vsam.api.config.VsamConfig;
import vsam.api.random.SplitMix64;

/**
 * vSAM's sampling policy (Deng et al., arXiv 2403.08821, following the authors' public code; the rule
 * is docs/ALGORITHMS.md §2.3 line for line).
 *
 * <p>State: {@code s}, the SAM steps per window of K iterations (starts at {@code initialS});
 * {@code P}, {@code R}: the last K values of {@code p = ‖PSF‖} and {@code r = ‖PSF‖/‖g‖} (K zeros at
 * first); {@code V}: after each SAM step the sorted-block variance of {@code P}, trimmed to the last K
 * at each window boundary; {@code c}: the post-warm-up iteration counter (from 1); {@code done}: SAM
 * steps in the current window.
 *
 * <ul>
 *   <li>Warm-up iterations are all SAM steps; each sets {@code done = 1}.</li>
 *   <li>At a window boundary ({@code c mod K == 0}):
 *       {@code s ← clip(s·(1 + α₁ΔR + α₂ΔV), 1, ⌊K·maxSamplingFraction⌋)}, {@code done ← 0}, where
 *       {@code ΔX = clip(mean_i (X[i+1] − X[i]) / X[i], −1, 1)} and a term with {@code X[i] = 0} counts
 *       as 0 (the authors' code divides by zero there).</li>
 *   <li>Decision: SAM iff ({@code done < ⌊s⌋} and {@code U ≥ 1 − s/K}) or
 *       {@code K − (c mod K) ≤ ⌊s⌋ − done} (forced fill, so each window meets its quota).</li>
 * </ul>
 * One uniform draw {@code U} is taken every post-warm-up iteration, so the decisions are a function
 * of the seed and the observed statistics only.
 *
 * <p>Refinement for short runs (not the paper's rule, off by default): with a gain exponent
 * {@code E > 1} the update is {@code s ← clip(s·max(0, 1 + α₁ΔR + α₂ΔV)^E, 1, ⌊K·maxSamplingFraction⌋)},
 * so a run with E times fewer windows than the one the gains were tuned for compounds the same
 * adaptation ({@link VsamConfig#gainExponent(long)}). {@code E = 1} is the paper's update exactly.
 */
public final class VariationDriven implements SamplingPolicy {

    private final int window;
    private final int blocks;
    private final double alpha1;
    private final double alpha2;
    private final int maxS;
    private final double gainExponent;
    private final long warmupIterations;
    private final SplitMix64 random;

    private double s;
    private final RecentValues psfNorms;
    private final RecentValues ratios;
    private final VariationHistory variations = new VariationHistory();
    private long c = 1;
    private int done;
    private boolean inWarmup;
    private double lastVariation = Double.NaN;

    /**
     * @param config           vSAM's hyper-parameters
     * @param warmupIterations resolved warm-up span in iterations
     * @param seed             seed of the uniform draws
     */
    public VariationDriven(VsamConfig config, long warmupIterations, long seed) {
        this(config, warmupIterations, seed, 1);
    }

    /**
     * @param config           vSAM's hyper-parameters
     * @param warmupIterations resolved warm-up span in iterations
     * @param seed             seed of the uniform draws
     * @param gainExponent     E ≥ 1, the power of each window's factor (1 = the paper's rule)
     */
    public VariationDriven(VsamConfig config, long warmupIterations, long seed, double gainExponent) {
        if (!(gainExponent >= 1) || Double.isInfinite(gainExponent)) {
            throw new IllegalArgumentException("gain exponent must be a finite number >= 1, got " + gainExponent);
        }
        this.gainExponent = gainExponent;
        this.window = config.window();
        this.blocks = config.blocks();
        this.alpha1 = config.alpha1();
        this.alpha2 = config.alpha2();
        this.maxS = config.maxS();
        this.warmupIterations = warmupIterations;
        this.random = new SplitMix64(seed);
        this.s = config.initialS();
        this.psfNorms = new RecentValues(window);
        this.ratios = new RecentValues(window);
    }

    @Override
    public boolean sampleNow(StepContext ctx) {
        if (ctx.iteration() < warmupIterations) {
            inWarmup = true;
            return true;
        }
        inWarmup = false;
        long position = c % window;
        if (position == 0) {
            adaptAtWindowBoundary();
        }
        int quota = (int) Math.floor(s);
        double p = s / window;
        double u = random.nextDouble();
        boolean sample = (done < quota && u >= 1 - p) || window - position <= quota - done;
        c++;
        return sample;
    }

    private void adaptAtWindowBoundary() {
        double trendR = relativeTrend(ratios.inOrder());
        double trendV = variations.trendOverLast(window);
        double factor = 1 + alpha1 * trendR + alpha2 * trendV;
        if (gainExponent != 1) {
            factor = Math.pow(Math.max(0, factor), gainExponent);
        }
        s = Math.min(maxS, Math.max(1, s * factor));
        done = 0;
    }

    /**
     * {@code clip(mean_{i} (x[i+1] − x[i]) / x[i], −1, 1)} over consecutive pairs; a pair whose
     * denominator is 0 contributes 0, and fewer than two values give 0.
     */
    static double relativeTrend(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            if (x[i] != 0) {
                sum += (x[i + 1] - x[i]) / x[i];
            }
        }
        double mean = sum / (x.length - 1);
        if (Double.isNaN(mean)) {
            return 0;
        }
        return Math.max(-1, Math.min(1, mean));
    }

    /**
     * The mean over {@code B} blocks of the unbiased variance of each block of the sorted values:
     * sorting groups similar magnitudes, so {@code v} measures the spread of ‖PSF‖ within comparable
     * samples rather than its drift.
     */
    static double sortedBlockVariance(double[] sorted, int blocks) {
        int size = sorted.length / blocks;
        double total = 0;
        for (int b = 0; b < blocks; b++) {
            double mean = 0;
            for (int i = b * size; i < (b + 1) * size; i++) {
                mean += sorted[i];
            }
            mean /= size;
            double ss = 0;
            for (int i = b * size; i < (b + 1) * size; i++) {
                double d = sorted[i] - mean;
                ss += d * d;
            }
            total += ss / (size - 1);
        }
        return total / blocks;
    }

    @Override
    public void observe(SampleStats stats) {
        psfNorms.add(stats.psfNorm());
        ratios.add(stats.ratio());
        lastVariation = sortedBlockVariance(psfNorms.sorted(), blocks);
        variations.add(lastVariation);
        done = inWarmup ? 1 : done + 1;
    }

    @Override
    public SamplingDiagnostics diagnostics() {
        return new SamplingDiagnostics(s, s / window, lastVariation);
    }

    /** s, the SAM steps per window now. */
    public double samplesPerWindow() {
        return s;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(random.state());
        out.writeDouble(s);
        psfNorms.write(out);
        ratios.write(out);
        variations.write(out);
        out.writeLong(c);
        out.writeInt(done);
        out.writeBoolean(inWarmup);
        out.writeDouble(lastVariation);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        random.restore(in.readLong());
        s = in.readDouble();
        psfNorms.read(in);
        ratios.read(in);
        variations.read(in);
        c = in.readLong();
        done = in.readInt();
        inWarmup = in.readBoolean();
        lastVariation = in.readDouble();
    }
}
