package vsam.algorithm.sampling;

/** No iteration is a SAM step (plain SGD on the base optimizer). */
public final class Never implements SamplingPolicy {
    @Override
    public boolean sampleNow(StepContext ctx) {
        return false;
    }
}
