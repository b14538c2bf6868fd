package vsam.gui.run;

import java.util.List;
import vsam.algorithm.train.TrainingListener;
import vsam.algorithm.train.TrainingResult;
import vsam.api.telemetry.EpochEvent;
import vsam.api.telemetry.IterationEvent;
import vsam.gui.chart.ChartModel;
import vsam.gui.chart.DecimatingSeries;
import vsam.gui.chart.Ema;
import vsam.gui.chart.Reduction;
import vsam.gui.chart.SeriesStyle;
import vsam.gui.chart.YAxis;

/**
 * The live picture of one run, fed by the training thread: five chart models (training loss, test
 * accuracy, SAM fraction with {@code s/K} and the sampled iterations, ‖PSF‖ with the variation
 * {@code v}, step time) and the {@link Progress}. Each event costs a few array writes and a volatile
 * store; no JavaFX, no locks held across calls, nothing that can block the trainer.
 */
public final class LiveRun implements TrainingListener {

    /** Series names, as shown in the legends and looked up by tests. */
    public static final String LOSS = "loss";
    /** The smoothed training loss. */
    public static final String SMOOTHED_LOSS = "smoothed loss";
    /** Test accuracy per epoch, in percent. */
    public static final String TEST_ACCURACY = "test accuracy";
    /** SAM steps so far / iterations so far. */
    public static final String SAM_FRACTION = "SAM fraction";
    /** vSAM's s/K. */
    public static final String S_OVER_K = "s/K";
    /** The sampled (two-pass) iterations. */
    public static final String SAMPLED = "sampled";
    /** ‖PSF‖ at each SAM step. */
    public static final String PSF_NORM = "‖PSF‖";
    /** vSAM's variation v at each SAM step. */
    public static final String VARIATION = "v";
    /** Wall time per step, milliseconds. */
    public static final String STEP_MS = "step ms";
    /** The smoothed step time. */
    public static final String SMOOTHED_STEP_MS = "smoothed step ms";

    /** Decay of the smoothed curves (as the command line's progress bar). */
    public static final double SMOOTHING = 0.95;

    private final ChartModel loss = new ChartModel("Training loss", "iteration", YAxis.auto("loss"));
    private final ChartModel accuracy = new ChartModel("Test accuracy per epoch", "epoch", YAxis.auto("accuracy %"))
            .integerX();
    private final ChartModel sampling = new ChartModel("SAM fraction and s/K (ticks: sampled iterations)", "iteration",
            YAxis.fixed("fraction", 0, 1.05));
    private final ChartModel psf = new ChartModel("‖PSF‖ and v per SAM step", "iteration", YAxis.logarithmic("value (log)"));
    private final ChartModel stepTime = new ChartModel("Step time", "iteration", YAxis.auto("ms"));

    private final DecimatingSeries lossRaw = loss.addSeries(LOSS, SeriesStyle.FAINT_LINE, 0, Reduction.MEAN);
    private final DecimatingSeries lossSmooth = loss.addSeries(SMOOTHED_LOSS, SeriesStyle.LINE, 0, Reduction.MEAN);
    private final DecimatingSeries testAccuracy = accuracy.addSeries(TEST_ACCURACY, SeriesStyle.LINE_AND_POINTS, 1, Reduction.MEAN);
    private final DecimatingSeries samFraction = sampling.addSeries(SAM_FRACTION, SeriesStyle.LINE, 2, Reduction.MEAN);
    private final DecimatingSeries sOverK = sampling.addSeries(S_OVER_K, SeriesStyle.LINE, 3, Reduction.MEAN);
    private final DecimatingSeries sampled = sampling.addSeries(SAMPLED, SeriesStyle.MARKS, 3, Reduction.FIRST);
    private final DecimatingSeries psfNorm = psf.addSeries(PSF_NORM, SeriesStyle.LINE, 4, Reduction.MEAN);
    private final DecimatingSeries variation = psf.addSeries(VARIATION, SeriesStyle.LINE, 5, Reduction.MEAN);
    private final DecimatingSeries stepRaw = stepTime.addSeries(STEP_MS, SeriesStyle.FAINT_LINE, 6, Reduction.MEAN);
    private final DecimatingSeries stepSmooth = stepTime.addSeries(SMOOTHED_STEP_MS, SeriesStyle.LINE, 6, Reduction.MEAN);

    private final Ema lossEma = new Ema(SMOOTHING);
    private final Ema stepEma = new Ema(SMOOTHING);

    private volatile Progress progress = Progress.NONE;
    private volatile int batchSize;
    private volatile int batchesPerEpoch;
    private int currentEpoch = -1;
    private long epochStartNanos;
    private long iterationsInEpoch;

    /** An empty live picture; {@link #begin} tells it the size of the run. */
    public LiveRun() {
        // the charts are built with the fields
    }

    /** Tells the live view the size of the run once the data is ready (before the first iteration). */
    public void begin(int epochs, int perEpoch, int examplesPerBatch) {
        this.batchSize = examplesPerBatch;
        this.batchesPerEpoch = perEpoch;
        progress = progress.withTotals((long) perEpoch * epochs, epochs);
    }

    @Override
    public void onIteration(IterationEvent e) {
        long now = System.nanoTime();
        if (e.epoch() != currentEpoch) {
            currentEpoch = e.epoch();
            epochStartNanos = now - e.stepNanos();
            iterationsInEpoch = 0;
        }
        iterationsInEpoch++;
        double x = e.iteration();
        lossRaw.add(x, e.loss());
        lossSmooth.add(x, lossEma.add(e.loss()));
        samFraction.add(x, e.samFraction());
        sOverK.add(x, e.sOverK());
        double ms = e.stepNanos() / 1e6;
        stepRaw.add(x, ms);
        stepSmooth.add(x, stepEma.add(ms));
        if (e.sampled()) {
            sampled.add(x, 0);
            psfNorm.add(x, e.psfNorm());
            variation.add(x, e.variation());
        }
        double seconds = Math.max((now - epochStartNanos) / 1e9, 1e-9);
        double perIteration = seconds / iterationsInEpoch;
        Progress p = progress;
        long done = e.iteration() + 1;
        double eta = p.totalIterations() > 0 ? (p.totalIterations() - done) * perIteration : Double.NaN;
        progress = new Progress(done, p.totalIterations(), e.epoch(), p.epochs(), batchSize / perIteration, eta,
                e.samFraction(), p.testAccuracy());
    }

    @Override
    public void onEpoch(EpochEvent e) {
        testAccuracy.add(e.epoch() + 1, 100 * e.testAccuracy());
        progress = progress.withTestAccuracy(e.testAccuracy());
    }

    @Override
    public void onFinish(TrainingResult result) {
        Progress p = progress;
        progress = new Progress(p.iterations(), p.totalIterations(), p.epoch(), p.epochs(), p.imagesPerSecond(), 0,
                p.samFraction(), p.testAccuracy());
    }

    /** The latest progress; safe to call from any thread. */
    public Progress progress() {
        return progress;
    }

    /** Batches per epoch, once known (0 before). */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Training loss per iteration, raw and smoothed. */
    public ChartModel lossChart() {
        return loss;
    }

    /** Test accuracy per epoch. */
    public ChartModel accuracyChart() {
        return accuracy;
    }

    /** SAM fraction and s/K per iteration, sampled iterations marked. */
    public ChartModel samplingChart() {
        return sampling;
    }

    /** ‖PSF‖ and v per SAM step. */
    public ChartModel psfChart() {
        return psf;
    }

    /** Step time per iteration, raw and smoothed. */
    public ChartModel stepTimeChart() {
        return stepTime;
    }

    /** All five charts, in display order. */
    public List<ChartModel> charts() {
        return List.of(loss, accuracy, sampling, psf, stepTime);
    }
}
