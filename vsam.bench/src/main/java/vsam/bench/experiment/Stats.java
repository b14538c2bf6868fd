package vsam.bench.experiment;

/**
 * Mean and spread of one quantity over the seeds of a method.
 *
 * @param n    number of values
 * @param mean arithmetic mean; NaN when {@code n = 0}
 * @param std  sample standard deviation {@code sqrt(Σ(x − mean)² / (n − 1))}; NaN when {@code n < 2}
 */
public record Stats(int n, double mean, double std) {

    /** The statistics of {@code values}. */
    public static Stats of(double... values) {
        int n = values.length;
        if (n == 0) {
            return new Stats(0, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n < 2) {
            return new Stats(n, mean, Double.NaN);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new Stats(n, mean, Math.sqrt(squares / (n - 1)));
    }
}
