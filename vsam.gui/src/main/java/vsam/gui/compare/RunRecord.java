package vsam.gui.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import vsam.algorithm.run.RunFolderException;
import vsam.algorithm.run.RunFolderReader;
import vsam.algorithm.run.RunSummary;
import vsam.api.config.RunConfig;
import vsam.api.telemetry.EpochEvent;
import vsam.api.telemetry.IterationEvent;
import vsam.gui.chart.DecimatingSeries;
import vsam.gui.chart.Ema;
import vsam.gui.chart.Reduction;
import vsam.gui.chart.SeriesStyle;

/**
 * One row of the comparison table: a run folder read back from disk (written by this session, by an
 * earlier one, or by the command line) through {@link RunFolderReader}.
 *
 * @param folder          the run folder
 * @param config          its resolved configuration ({@code config.json})
 * @param status          {@code completed}, {@code cancelled}, or {@code incomplete} when there is no summary yet
 * @param finalAccuracy   test accuracy after the last finished epoch, in [0, 1]
 * @param bestAccuracy    best test accuracy over the finished epochs
 * @param trainSeconds    training wall time, evaluation excluded
 * @param passesPerStep   forward/backward passes per iteration (SGD 1, SAM 2)
 * @param samFraction     SAM steps / iterations
 * @param iterations      iterations run
 * @param epochsCompleted finished epochs
 * @param curves          the curves to overlay
 */
public record RunRecord(Path folder, RunConfig config, String status, double finalAccuracy, double bestAccuracy,
                        double trainSeconds, double passesPerStep, double samFraction, long iterations,
                        int epochsCompleted, RunCurves curves) {

    /** Stored points per overlay curve. */
    public static final int CURVE_POINTS = 2048;

    /**
     * The runs in {@code folder}: the folder itself when it holds a run, else each of its sub-folders that
     * does (a {@code vsam compare} output, or the {@code runs} folder), sorted by name.
     *
     * @throws RunFolderException when there is no run there, or a run's files cannot be read
     */
    public static List<RunRecord> readAll(Path folder) {
        return RunFolderReader.runsIn(folder).stream().map(RunRecord::read).toList();
    }

    /**
     * Reads one run folder: the figures from its summary, or, while it has none (the run is going on or
     * ended abruptly), from its last finished epoch.
     *
     * @throws RunFolderException naming the folder and the file that is missing or malformed
     */
    public static RunRecord read(Path folder) {
        RunConfig config = RunFolderReader.config(folder);
        List<EpochEvent> epochs = RunFolderReader.epochs(folder);
        TelemetryCurves telemetry = new TelemetryCurves();
        RunFolderReader.telemetry(folder, telemetry);
        DecimatingSeries accuracy = series("test accuracy", SeriesStyle.LINE_AND_POINTS);
        for (EpochEvent e : epochs) {
            accuracy.add(e.epoch() + 1, 100 * e.testAccuracy());
        }
        RunCurves curves = new RunCurves(accuracy.snapshot(), telemetry.loss.snapshot(), telemetry.samFraction.snapshot());
        Optional<RunSummary> summary = RunFolderReader.summary(folder);
        if (summary.isPresent()) {
            RunSummary s = summary.get();
            return new RunRecord(folder, config, s.status(), s.finalAccuracy(), s.bestAccuracy(), s.trainSeconds(),
                    s.passesPerStep(), s.samFraction(), s.iterations(), s.epochsCompleted(), curves);
        }
        double best = epochs.stream().mapToDouble(EpochEvent::testAccuracy).max().orElse(0);
        if (epochs.isEmpty()) {
            return new RunRecord(folder, config, "incomplete", 0, best, 0, 0, 0, telemetry.iterations, 0, curves);
        }
        EpochEvent last = epochs.get(epochs.size() - 1);
        return new RunRecord(folder, config, "incomplete", last.testAccuracy(), best, last.trainSeconds(),
                last.passesPerStep(), last.samFraction(), last.iterations(), epochs.size(), curves);
    }

    /** The smoothed loss and the SAM fraction per iteration, decimated, and the iterations seen. */
    private static final class TelemetryCurves implements Consumer<IterationEvent> {
        final DecimatingSeries loss = series("smoothed loss", SeriesStyle.LINE);
        final DecimatingSeries samFraction = series("SAM fraction", SeriesStyle.LINE);
        final Ema ema = new Ema(0.95);
        long iterations;

        @Override
        public void accept(IterationEvent e) {
            loss.add(e.iteration(), ema.add(e.loss()));
            samFraction.add(e.iteration(), e.samFraction());
            iterations = e.iteration() + 1;
        }
    }

    private static DecimatingSeries series(String name, SeriesStyle style) {
        return new DecimatingSeries(name, style, 0, Reduction.MEAN, CURVE_POINTS, () -> { });
    }

    /** The folder's name, e.g. {@code 20250101-120000-vsam}. */
    public String name() {
        Path n = folder.getFileName();
        return n == null ? folder.toString() : n.toString();
    }

    /** The method name, e.g. {@code vsam} or {@code sam-5}. */
    public String method() {
        return config.method().name();
    }

    @Override
    public String toString() {
        return name();
    }
}
