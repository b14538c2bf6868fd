package vsam.gui.compare;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import vsam.algorithm.run.Csv;
import vsam.algorithm.train.SamGainShare;
import vsam.gui.chart.ChartModel;
import vsam.gui.chart.SeriesSnapshot;
import vsam.gui.chart.YAxis;

/**
 * A set of runs put side by side against a baseline: speed-up, the table as CSV, and overlay charts of
 * the runs' curves. Speed-up is the baseline's training time divided by the run's (the command line's
 * {@code vsam compare} reports the inverse, "time vs SAM"): 2.0× means twice as fast as the baseline. The share
 * of SAM's gain a run keeps is {@link SamGainShare} on final accuracy, against the first completed SGD and SAM
 * runs among them (meaningful when the runs share one setup).
 *
 * @param runs     the runs, in table order
 * @param baseline the run others are measured against, if any
 */
public record RunComparison(List<RunRecord> runs, Optional<RunRecord> baseline) {

    /** Header of {@link #csv()}. */
    public static final String CSV_HEADER = "run,method,model,dataset,backend,device,status,final_accuracy,best_accuracy,"
            + "train_seconds,passes_per_step,sam_fraction,iterations,speedup_vs_baseline,sam_gain_kept,folder";

    /** Copies the list. */
    public RunComparison {
        runs = List.copyOf(runs);
    }

    /** The first SAM run, else the first run: the natural baseline of a comparison. */
    public static Optional<RunRecord> defaultBaseline(List<RunRecord> runs) {
        return runs.stream().filter(r -> r.method().equals("sam")).findFirst().or(() -> runs.stream().findFirst());
    }

    /** Baseline training time / the run's; empty without a baseline or a training time. */
    public OptionalDouble speedUp(RunRecord run) {
        if (baseline.isEmpty() || run.trainSeconds() <= 0 || baseline.get().trainSeconds() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(baseline.get().trainSeconds() / run.trainSeconds());
    }

    /** {@code 1.85×}, or empty text when there is no speed-up. */
    public String speedUpText(RunRecord run) {
        OptionalDouble s = speedUp(run);
        return s.isPresent() ? String.format(Locale.ROOT, "%.2f×", s.getAsDouble()) : "";
    }

    /** Share of SAM's gain over SGD that {@code run} keeps; empty without a completed SGD and SAM run. */
    public OptionalDouble samGainKept(RunRecord run) {
        Optional<RunRecord> sgd = firstCompleted("sgd");
        Optional<RunRecord> sam = firstCompleted("sam");
        if (sgd.isEmpty() || sam.isEmpty() || !run.status().equals(COMPLETED)) {
            return OptionalDouble.empty();
        }
        return SamGainShare.of(run.finalAccuracy(), sgd.get().finalAccuracy(), sam.get().finalAccuracy());
    }

    private static final String COMPLETED = "completed";

    private Optional<RunRecord> firstCompleted(String method) {
        return runs.stream().filter(r -> r.method().equals(method) && r.status().equals(COMPLETED)).findFirst();
    }

    /** The table as CSV ({@link Csv}): a header line, then one line per run. */
    public String csv() {
        StringBuilder s = new StringBuilder(CSV_HEADER).append('\n');
        for (RunRecord r : runs) {
            OptionalDouble up = speedUp(r);
            OptionalDouble kept = samGainKept(r);
            s.append(String.join(",", Csv.cell(r.name()), Csv.cell(r.method()), Csv.cell(r.config().model()),
                    Csv.cell(r.config().data().dataset()), Csv.cell(r.config().backend()), Csv.cell(r.config().device()),
                    Csv.cell(r.status()),
                    fmt("%.6f", r.finalAccuracy()), fmt("%.6f", r.bestAccuracy()), fmt("%.3f", r.trainSeconds()),
                    fmt("%.4f", r.passesPerStep()), fmt("%.6f", r.samFraction()), Long.toString(r.iterations()),
                    up.isPresent() ? fmt("%.4f", up.getAsDouble()) : "", kept.isPresent() ? fmt("%.4f", kept.getAsDouble()) : "",
                    Csv.cell(r.folder().toString())));
            s.append('\n');
        }
        return s.toString();
    }

    /** Test accuracy per epoch of every run, one colour each. */
    public ChartModel accuracyOverlay() {
        return overlay("Test accuracy per epoch", "epoch", YAxis.auto("accuracy %"), Curve.ACCURACY).integerX();
    }

    /** Smoothed training loss per iteration of every run. */
    public ChartModel lossOverlay() {
        return overlay("Training loss (smoothed)", "iteration", YAxis.auto("loss"), Curve.LOSS);
    }

    /** SAM fraction per iteration of every run. */
    public ChartModel samFractionOverlay() {
        return overlay("SAM fraction", "iteration", YAxis.fixed("fraction", 0, 1.05), Curve.SAM_FRACTION);
    }

    private enum Curve { ACCURACY, LOSS, SAM_FRACTION }

    private ChartModel overlay(String title, String xLabel, YAxis y, Curve curve) {
        ChartModel chart = new ChartModel(title, xLabel, y);
        int color = 0;
        for (RunRecord r : runs) {
            SeriesSnapshot s = switch (curve) {
                case ACCURACY -> r.curves().accuracy();
                case LOSS -> r.curves().loss();
                case SAM_FRACTION -> r.curves().samFraction();
            };
            chart.addSeries(s, r.name(), color++);
        }
        return chart;
    }

    private static String fmt(String format, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "";
    }
}
