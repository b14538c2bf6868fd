package vsam.api.config;

/**
 * The learning-rate schedule, evaluated per iteration.
 *
 * @param kind         constant, cosine (per iteration, to 0 at the end of the run) or step
 * @param warmupEpochs length of an optional linear warm-up from 0 to the peak rate, in epochs (0 = none)
 * @param stepEpochs   for {@link Kind#STEP}: multiply the rate by {@code stepFactor} every this many epochs
 * @param stepFactor   for {@link Kind#STEP}: the factor, in (0, 1]
 */
public record ScheduleConfig(Kind kind, double warmupEpochs, int stepEpochs, double stepFactor) {

    /** Schedule families. */
    public enum Kind { CONSTANT, COSINE, STEP }

    public ScheduleConfig {
        Check.present("schedule.kind", kind);
        Settings.LR_WARMUP.check(warmupEpochs);
        Settings.STEP_EPOCHS.check(stepEpochs);
        Settings.STEP_FACTOR.check(stepFactor);
    }

    /** Cosine per iteration, no warm-up (the reference setups). */
    public static ScheduleConfig defaults() {
        return new ScheduleConfig(Kind.COSINE, 0, 30, 0.1);
    }
}
