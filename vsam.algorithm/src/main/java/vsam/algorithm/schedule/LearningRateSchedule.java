package vsam.algorithm.schedule;

import vsam.api.config.ScheduleConfig;

/**
 * The learning rate as a function of the global iteration {@code t ∈ [0, T)}.
 *
 * <ul>
 *   <li>constant: {@code η(t) = η}</li>
 *   <li>cosine (per iteration, to 0): {@code η(t) = η · ½ (1 + cos(π · t' / T'))}</li>
 *   <li>step: {@code η(t) = η · f^⌊epoch(t) / n⌋}</li>
 * </ul>
 * With a linear warm-up of {@code W} iterations, {@code η(t) = η · (t + 1) / W} for {@code t < W}, and the
 * schedule above runs over the remaining iterations ({@code t' = t − W}, {@code T' = T − W}).
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate of iteration {@code t}. */
    double at(long t);

    /**
     * The schedule a configuration describes.
     *
     * @param peak               η
     * @param iterationsPerEpoch batches per epoch
     * @param totalIterations    T
     */
    static LearningRateSchedule of(ScheduleConfig config, double peak, long iterationsPerEpoch, long totalIterations) {
        long warmup = Math.min(totalIterations, Math.round(config.warmupEpochs() * iterationsPerEpoch));
        long span = Math.max(1, totalIterations - warmup);
        LearningRateSchedule main = switch (config.kind()) {
            case CONSTANT -> t -> peak;
            case COSINE -> t -> peak * 0.5 * (1 + Math.cos(Math.PI * Math.min(t, span) / span));
            case STEP -> t -> peak * Math.pow(config.stepFactor(), Math.floorDiv(t + warmup, iterationsPerEpoch) / config.stepEpochs());
        };
        if (warmup == 0) {
            return main;
        }
        return t -> t < warmup ? peak * (t + 1) / warmup : main.at(t - warmup);
    }
}
