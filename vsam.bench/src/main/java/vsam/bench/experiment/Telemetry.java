package vsam.bench.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vsam.algorithm.run.RunFolderReader;
import vsam.api.telemetry.IterationEvent;

/**
 * The per-iteration series of a run folder's {@code telemetry.jsonl} that the plots and the step-cost estimate
 * need.
 *
 * @param iterations iteration index of each line
 * @param sampled    whether the iteration took SAM's second pass
 * @param psfNorms   ‖PSF‖ over the statistics scope, NaN on non-sampling iterations
 * @param stepNanos  wall time of each step (its passes and the update)
 * @param stepPasses forward/backward passes of each step (1 for an SGD or reuse step, 2 for a SAM step), from the
 *                   difference of the cumulative {@code passes} field
 */
public record Telemetry(long[] iterations, boolean[] sampled, double[] psfNorms, long[] stepNanos, int[] stepPasses) {

    /** The percentile of each kind of step that {@link #quietStepSeconds()} charges: the 1st. */
    public static final double QUIET_PERCENTILE = 0.01;

    /**
     * Reads the telemetry of the run in {@code folder} ({@link RunFolderReader#telemetry}); no telemetry gives
     * an empty series.
     *
     * @throws vsam.algorithm.run.RunFolderException when the file cannot be read or a line is malformed
     */
    public static Telemetry read(Path folder) {
        List<IterationEvent> events = new ArrayList<>();
        RunFolderReader.telemetry(folder, events::add);
        int n = events.size();
        long[] iterations = new long[n];
        boolean[] sampled = new boolean[n];
        double[] psf = new double[n];
        long[] nanos = new long[n];
        int[] passes = new int[n];
        long cumulative = 0;
        for (int i = 0; i < n; i++) {
            IterationEvent e = events.get(i);
            iterations[i] = e.iteration();
            sampled[i] = e.sampled();
            psf[i] = e.psfNorm();
            nanos[i] = e.stepNanos();
            passes[i] = (int) (e.passes() - cumulative);
            cumulative = e.passes();
        }
        return new Telemetry(iterations, sampled, psf, nanos, passes);
    }

    /** Number of iterations recorded. */
    public int size() {
        return iterations.length;
    }

    /** Share of SAM steps among the last {@code window} iterations (fewer at the start), at every iteration. */
    public double[] movingSamFraction(int window) {
        double[] out = new double[size()];
        int inWindow = 0;
        for (int i = 0; i < size(); i++) {
            inWindow += sampled[i] ? 1 : 0;
            if (i >= window) {
                inWindow -= sampled[i - window] ? 1 : 0;
            }
            out[i] = (double) inWindow / Math.min(i + 1, window);
        }
        return out;
    }

    /**
     * The run's step time as it would have been on a quiet machine, in seconds:
     * {@code T_q = Σ_k n_k · P1(t | k passes)}, where {@code n_k} counts the steps that made {@code k} passes
     * and {@code P1} is the 1st percentile (nearest rank; the fastest step when there are fewer than 100) of those
     * steps' wall times. Evaluation and data loading are not charged. NaN when the telemetry records no step
     * times. Why the 1st percentile, and how well it filters a shared machine's load: docs/RESULTS.md,
     * "The quiet step time".
     */
    public double quietStepSeconds() {
        Map<Integer, List<Long>> byPasses = new TreeMap<>();
        for (int i = 0; i < size(); i++) {
            if (stepNanos[i] > 0) {
                byPasses.computeIfAbsent(stepPasses[i], k -> new ArrayList<>()).add(stepNanos[i]);
            }
        }
        if (byPasses.isEmpty()) {
            return Double.NaN;
        }
        double seconds = 0;
        for (List<Long> times : byPasses.values()) {
            seconds += times.size() * percentile(times, QUIET_PERCENTILE) / 1e9;
        }
        return seconds;
    }

    /** The {@code q}-quantile of {@code values} by nearest rank: the ⌈q·n⌉-th smallest (the smallest for small n). */
    static long percentile(List<Long> values, double q) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
