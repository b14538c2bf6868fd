package vsam.bench.speed;

import java.util.Arrays;

/**
 * The 10th, 50th and 90th percentiles of a set of step times, by nearest rank: the {@code q}-quantile of
 * {@code n} sorted values is the {@code ⌈q·n⌉}-th smallest (the smallest when that rank is 0), the
 * definition {@code vsam.bench.experiment.Telemetry} uses for its quiet step time.
 *
 * @param count  how many steps
 * @param p10    10th percentile, milliseconds (NaN when {@code count = 0})
 * @param median 50th percentile, milliseconds
 * @param p90    90th percentile, milliseconds
 */
public record StepQuantiles(int count, double p10, double median, double p90) {

    /** No steps. */
    public static final StepQuantiles NONE = new StepQuantiles(0, Double.NaN, Double.NaN, Double.NaN);

    /** The quantiles of {@code nanos} (step wall times in nanoseconds). */
    public static StepQuantiles of(long[] nanos) {
        if (nanos.length == 0) {
            return NONE;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new StepQuantiles(sorted.length, rank(sorted, 0.10) / 1e6, rank(sorted, 0.50) / 1e6, rank(sorted, 0.90) / 1e6);
    }

    private static long rank(long[] sorted, double q) {
        int r = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(r, 1) - 1];
    }

    /** {@code p90 / p10}: how much the slow steps wobble above the fast ones (1 = perfectly steady). */
    public double spread() {
        return p90 / p10;
    }

    /** {@code median / p10}. */
    public double medianOverP10() {
        return median / p10;
    }
}
