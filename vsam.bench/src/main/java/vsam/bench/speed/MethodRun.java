package vsam.bench.speed;

import java.util.stream.IntStream;
import vsam.bench.experiment.Telemetry;

/**
 * What the speed benchmark keeps of one training run: its training time (evaluation excluded), passes per
 * step, epochs, and the per-iteration step times of its telemetry split by whether the step sampled (took
 * SAM's second pass).
 *
 * @param method        the method's name ({@code sgd}, {@code sam}, {@code vsam})
 * @param trainSeconds  training time of the whole run, evaluation and checkpoints excluded
 * @param passesPerStep forward/backward passes per iteration
 * @param epochs        epochs trained
 * @param telemetry     the run's per-iteration series
 */
public record MethodRun(String method, double trainSeconds, double passesPerStep, int epochs, Telemetry telemetry) {

    /** Quantiles of all steps. */
    public StepQuantiles steps() {
        return StepQuantiles.of(telemetry.stepNanos());
    }

    /** Quantiles of the steps that did not sample (SGD's steps; vSAM's reuse steps). */
    public StepQuantiles reuseSteps() {
        return StepQuantiles.of(select(false));
    }

    /** Quantiles of the steps that sampled (SAM's steps; vSAM's sampling steps). */
    public StepQuantiles samplingSteps() {
        return StepQuantiles.of(select(true));
    }

    /** Training seconds per epoch. */
    public double secondsPerEpoch() {
        return trainSeconds / epochs;
    }

    private long[] select(boolean sampled) {
        boolean[] s = telemetry.sampled();
        long[] nanos = telemetry.stepNanos();
        return IntStream.range(0, Math.min(s.length, nanos.length)).filter(i -> s[i] == sampled)
                .mapToLong(i -> nanos[i]).toArray();
    }
}
