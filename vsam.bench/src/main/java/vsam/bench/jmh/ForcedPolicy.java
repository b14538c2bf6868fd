package vsam.bench.jmh;

import vsam.algorithm.sampling.SampleStats;
import vsam.algorithm.sampling.SamplingPolicy;
import vsam.algorithm.sampling.StepContext;

/**
 * A sampling policy that answers as it is told while a real policy (vSAM's) sees every call: the step
 * benchmark measures vSAM's sampling step and its reuse step separately, with the policy's own
 * bookkeeping included.
 */
public final class ForcedPolicy implements SamplingPolicy {

    private final SamplingPolicy inner;
    private boolean sample;

    /** @param inner the policy whose bookkeeping runs; its answers are ignored */
    public ForcedPolicy(SamplingPolicy inner, boolean sample) {
        this.inner = inner;
        this.sample = sample;
    }

    /** From now on, answer {@code sample}. */
    public void force(boolean value) {
        this.sample = value;
    }

    @Override
    public boolean sampleNow(StepContext ctx) {
        inner.sampleNow(ctx);
        return sample;
    }

    @Override
    public void observe(SampleStats stats) {
        inner.observe(stats);
    }
}
