package vsam.algorithm.sampling;

/** SAM when {@code t mod k == 0}, so the first iteration is a SAM step (SAM-k, LookSAM). */
public final class Periodic implements SamplingPolicy {

    private final int period;

    public Periodic(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be >= 1, got " + period);
        }
        this.period = period;
    }

    @Override
    public boolean sampleNow(StepContext ctx) {
        return ctx.iteration() % period == 0;
    }
}
