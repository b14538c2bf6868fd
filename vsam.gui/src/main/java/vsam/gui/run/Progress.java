package vsam.gui.run;

/**
 * Where a run stands, replaced as a whole after every iteration so a reader on another thread always
 * sees one consistent picture.
 *
 * @param iterations      iterations done
 * @param totalIterations iterations in the whole run (0 before the data is ready)
 * @param epoch           the epoch in progress, from 0
 * @param epochs          epochs in the run
 * @param imagesPerSecond training throughput over the current epoch (wall clock)
 * @param etaSeconds      estimated training time left (evaluation not included); NaN when unknown
 * @param samFraction     SAM steps so far divided by iterations so far
 * @param testAccuracy    test accuracy after the last finished epoch, NaN before the first
 */
public record Progress(long iterations, long totalIterations, int epoch, int epochs, double imagesPerSecond,
                       double etaSeconds, double samFraction, double testAccuracy) {

    /** Nothing has happened yet. */
    public static final Progress NONE = new Progress(0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Share of the run's iterations done, in [0, 1]. */
    public double fraction() {
        return totalIterations <= 0 ? 0 : Math.min(1, (double) iterations / totalIterations);
    }

    /** The same progress with another test accuracy. */
    public Progress withTestAccuracy(double accuracy) {
        return new Progress(iterations, totalIterations, epoch, epochs, imagesPerSecond, etaSeconds, samFraction, accuracy);
    }

    /** The same progress with the total iterations known. */
    public Progress withTotals(long total, int allEpochs) {
        return new Progress(iterations, total, epoch, allEpochs, imagesPerSecond, etaSeconds, samFraction, testAccuracy);
    }

    /** {@code 1:05} or {@code 2:03:04}; {@code –} when unknown. */
    public static String clock(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "–";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
