package vsam.algorithm.sampling;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.DoubleUnaryOperator;
import vsam.api.random.SplitMix64;

/**
 * RST, randomized sharpness-aware training (Zhao et al. 2022): SAM with probability {@code p(t)}, drawn
 * from a seeded generator, otherwise a plain step.
 */
public final class Bernoulli implements SamplingPolicy {

    private final DoubleUnaryOperator probabilityAtProgress;
    private final SplitMix64 random;

    /**
     * @param probabilityAtProgress {@code p} as a function of training progress {@code t / T}
     * @param seed                  seed of the draws
     */
    public Bernoulli(DoubleUnaryOperator probabilityAtProgress, long seed) {
        this.probabilityAtProgress = probabilityAtProgress;
        this.random = new SplitMix64(seed);
    }

    @Override
    public boolean sampleNow(StepContext ctx) {
        return random.nextDouble() < probabilityAtProgress.applyAsDouble(ctx.progress());
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(random.state());
    }

    @Override
    public void readState(DataInput in) throws IOException {
        random.restore(in.readLong());
    }
}
