package vsam.algorithm.sampling;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * RST, randomized sharpness-aware training (Zhao et al. 2022): SAM with probability {@code p(t)}, drawn
 * from a seeded generator, otherwise a plain step.
 */
public final class Bernoulli implements SamplingPolicy {

    private final DoubleUnaryOperator probabilityAtProgress;
    private final Random random;

    /**
     * @param probabilityAtProgress {@code p} as a function of training progress {@code t / T}
     * @param seed                  seed of the draws
     */
    public Bernoulli(DoubleUnaryOperator probabilityAtProgress, long seed) {
        this.probabilityAtProgress = probabilityAtProgress;
        this.random = new Random(seed);
    }

    @Override
    public boolean sampleNow(StepContext ctx) {
        return random.nextDouble() < probabilityAtProgress.applyAsDouble(ctx.progress());
    }

    /** Generator state for checkpoints: the next raw draw is reproducible from this object. */
    Random random() {
        return random;
    }
}
