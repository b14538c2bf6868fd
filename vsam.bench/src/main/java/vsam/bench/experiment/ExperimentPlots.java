package vsam.bench.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vsam.api.telemetry.EpochEvent;
import vsam.bench.plot.LinePlot;
import vsam.bench.plot.LinePlot.Series;
import vsam.bench.plot.LinePlot.Style;

/**
 * The three PNG charts of one setup:
 * <ul>
 *   <li>{@value #PSF}: ‖PSF‖ at every sampled iteration of SAM and the vSAM variants (dots) and its mean per
 *       epoch (line), for the first seed — the paper's observation that the PSF norm grows over training; the
 *       y axis ends near the 99th percentile, so the few huge values of the first steps do not flatten it;</li>
 *   <li>{@value #FRACTION}: the share of SAM steps among the last {@value #WINDOW} iterations, for every method
 *       but SGD, first seed;</li>
 *   <li>{@value #ACCURACY}: test accuracy after each epoch against the training time so far, averaged over the
 *       completed seeds, every method.</li>
 * </ul>
 */
public final class ExperimentPlots {

    /** File name of the ‖PSF‖ chart. */
    public static final String PSF = "psf-norm.png";
    /** File name of the SAM-fraction chart. */
    public static final String FRACTION = "sam-fraction.png";
    /** File name of the accuracy-against-time chart. */
    public static final String ACCURACY = "accuracy-vs-time.png";
    /** Iterations of the moving SAM fraction: vSAM's window K. */
    public static final int WINDOW = 50;

    private static final List<String> PSF_METHODS = List.of("sam", "vsam", "vsam-g0", "vsam-rl");

    private ExperimentPlots() {
    }

    /**
     * Draws the charts of {@code setup} into {@code folder}.
     *
     * @param records   the runs of the setup that have a summary
     * @param folderOf  where each (label, seed) run lives
     * @param order     method labels in legend order
     * @return the files written (a chart without data is not written)
     */
    public static List<Path> write(Setup setup, List<RunRecord> records, java.util.function.BiFunction<String, Long, Path> folderOf,
                                   List<String> order, Path folder) throws IOException {
        List<Path> written = new ArrayList<>();
        List<RunRecord> done = records.stream().filter(RunRecord::completed).toList();
        if (done.isEmpty()) {
            return written;
        }
        long seed = done.stream().mapToLong(RunRecord::seed).min().getAsLong();

        LinePlot psf = new LinePlot("‖PSF‖ over training — " + setup.name() + ", seed " + seed, "iteration",
                "‖PSF‖ (last 10 tensors)").yFrom(0).robustY();
        LinePlot fraction = new LinePlot("SAM steps among the last " + WINDOW + " iterations — " + setup.name() + ", seed " + seed,
                "iteration", "SAM fraction").yFrom(0);
        int colour = 0;
        for (String label : order) {
            java.awt.Color c = LinePlot.PALETTE.get(colour++ % LinePlot.PALETTE.size());
            if (done.stream().noneMatch(r -> r.label().equals(label) && r.seed() == seed) || label.equals("sgd")) {
                continue;
            }
            Telemetry t = Telemetry.read(folderOf.apply(label, seed));
            if (t.size() == 0) {
                continue;
            }
            double[] x = new double[t.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = t.iterations()[i];
            }
            if (PSF_METHODS.contains(label)) {
                psf.add(new Series("", c, Style.DOTS, false, x, t.psfNorms()));
                double[][] perEpoch = epochMeans(t, x.length, iterationsPerEpoch(done, label, seed, t.size()));
                psf.add(new Series(label + " (epoch mean)", c, Style.LINE_MARKERS, false, perEpoch[0], perEpoch[1]));
            }
            double[] moving = t.movingSamFraction(WINDOW);
            fraction.add(new Series(label, c, Style.LINE, label.startsWith("vsam"), thin(x, 5), thin(moving, 5)));
        }
        if (psf.hasData()) {
            psf.save(folder.resolve(PSF));
            written.add(folder.resolve(PSF));
        }
        if (fraction.hasData()) {
            fraction.save(folder.resolve(FRACTION));
            written.add(folder.resolve(FRACTION));
        }

        LinePlot accuracy = new LinePlot("Test accuracy against training time — " + setup.name() + " (mean over seeds)",
                "training time, s (evaluation excluded)", "test accuracy, %");
        colour = 0;
        for (String label : order) {
            java.awt.Color c = LinePlot.PALETTE.get(colour++ % LinePlot.PALETTE.size());
            List<RunRecord> runs = done.stream().filter(r -> r.label().equals(label)).toList();
            if (runs.isEmpty()) {
                continue;
            }
            Map<Integer, double[]> sums = new TreeMap<>();
            for (RunRecord r : runs) {
                for (EpochEvent p : r.epochs()) {
                    double[] s = sums.computeIfAbsent(p.epoch(), k -> new double[3]);
                    s[0] += p.trainSeconds();
                    s[1] += 100 * p.testAccuracy();
                    s[2]++;
                }
            }
            double[] xs = sums.values().stream().mapToDouble(s -> s[0] / s[2]).toArray();
            double[] ys = sums.values().stream().mapToDouble(s -> s[1] / s[2]).toArray();
            accuracy.add(new Series(label, c, Style.LINE_MARKERS, label.startsWith("vsam"), xs, ys));
        }
        if (accuracy.hasData()) {
            accuracy.save(folder.resolve(ACCURACY));
            written.add(folder.resolve(ACCURACY));
        }
        return written;
    }

    private static int iterationsPerEpoch(List<RunRecord> done, String label, long seed, int total) {
        return done.stream().filter(r -> r.label().equals(label) && r.seed() == seed).findFirst()
                .map(r -> Math.max(1, total / Math.max(1, r.epochs().size()))).orElse(total);
    }

    /** {@code {x, y}}: mean iteration and mean ‖PSF‖ of the sampled iterations of each epoch. */
    private static double[][] epochMeans(Telemetry t, int n, int perEpoch) {
        List<double[]> points = new ArrayList<>();
        for (int start = 0; start < n; start += perEpoch) {
            double sum = 0;
            int count = 0;
            for (int i = start; i < Math.min(n, start + perEpoch); i++) {
                if (t.sampled()[i] && Double.isFinite(t.psfNorms()[i])) {
                    sum += t.psfNorms()[i];
                    count++;
                }
            }
            if (count > 0) {
                points.add(new double[] {start + perEpoch / 2.0, sum / count});
            }
        }
        return new double[][] {points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray()};
    }

    private static double[] thin(double[] values, int every) {
        int n = (values.length + every - 1) / every;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[Math.min(values.length - 1, i * every)];
        }
        return out;
    }
}
