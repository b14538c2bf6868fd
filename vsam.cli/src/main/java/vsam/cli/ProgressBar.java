package vsam.cli;

import java.io.PrintStream;
import java.util.Locale;
import vsam.algorithm.train.TrainingListener;
import vsam.api.telemetry.EpochEvent;
import vsam.api.telemetry.IterationEvent;

/**
 * A per-epoch progress bar on the terminal: images/s, ETA of the epoch, smoothed loss and the live SAM
 * fraction. Redraws at most ten times a second (with {@code \r}) when the output is a terminal; when it
 * is not (a log file, CI), prints only the line at the end of each epoch.
 */
final class ProgressBar implements TrainingListener {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 24;

    private final PrintStream out;
    private final String label;
    private final int epochs;
    private final int batchesPerEpoch;
    private final int batchSize;
    private final boolean live;

    private long epochStartNanos;
    private long lastDrawNanos;
    private int batchInEpoch;
    private int currentEpoch = -1;
    private double smoothedLoss = Double.NaN;
    private double samFraction;

    ProgressBar(PrintStream out, String label, int epochs, int batchesPerEpoch, int batchSize, boolean live) {
        this.out = out;
        this.label = label;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.batchSize = batchSize;
        this.live = live;
    }

    @Override
    public void onIteration(IterationEvent e) {
        long now = System.nanoTime();
        if (e.epoch() != currentEpoch) {
            currentEpoch = e.epoch();
            epochStartNanos = now - e.stepNanos();
            batchInEpoch = 0;
        }
        batchInEpoch++;
        smoothedLoss = Double.isNaN(smoothedLoss) ? e.loss() : 0.95 * smoothedLoss + 0.05 * e.loss();
        samFraction = e.samFraction();
        if (live && now - lastDrawNanos >= REDRAW_NANOS) {
            lastDrawNanos = now;
            double seconds = (now - epochStartNanos) / 1e9;
            double imagesPerSecond = batchInEpoch * batchSize / Math.max(seconds, 1e-9);
            double eta = (batchesPerEpoch - batchInEpoch) * seconds / batchInEpoch;
            int filled = (int) ((long) WIDTH * batchInEpoch / batchesPerEpoch);
            out.printf(Locale.ROOT, "\r%s epoch %d/%d [%s%s] %d/%d %,.0f img/s ETA %s loss %.4f SAM %.1f%%  ", label,
                    e.epoch() + 1, epochs, "#".repeat(filled), ".".repeat(WIDTH - filled), batchInEpoch, batchesPerEpoch,
                    imagesPerSecond, clock(eta), smoothedLoss, 100 * samFraction);
            out.flush();
        }
    }

    @Override
    public void onEpoch(EpochEvent e) {
        out.printf(Locale.ROOT, "%s%s epoch %d/%d  train loss %.4f  test acc %.2f%%  train time %.1f s  SAM %.1f%%  passes/step %.2f%n",
                live ? "\r" : "", label, e.epoch() + 1, epochs, e.trainLoss(), 100 * e.testAccuracy(), e.trainSeconds(),
                100 * e.samFraction(), e.passesPerStep());
        out.flush();
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
