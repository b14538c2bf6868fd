package vsam.algorithm.sampling;

/** Every iteration is a SAM step (SAM, ASAM). */
public final class Always implements SamplingPolicy {
    @Override
    public boolean sampleNow(StepContext ctx) {
        return true;
    }
}
