package vsam.bench.speed;

/**
 * SGD, SAM and vSAM trained on one backend with the same data, seed and settings, and the ratios issue 17's
 * table asks for.
 *
 * @param backend the backend id
 * @param sgd     the SGD run
 * @param sam     the SAM run
 * @param vsam    the vSAM run
 */
public record BackendSpeed(String backend, MethodRun sgd, MethodRun sam, MethodRun vsam) {

    /** SAM's training time over SGD's (SAM makes 2 passes a step, so 2 would be free of overheads). */
    public double samOverSgd() {
        return sam.trainSeconds() / sgd.trainSeconds();
    }

    /** vSAM's training time over SAM's. */
    public double vsamOverSam() {
        return vsam.trainSeconds() / sam.trainSeconds();
    }

    /** SAM's 10th-percentile step over SGD's. */
    public double samOverSgdP10() {
        return sam.steps().p10() / sgd.steps().p10();
    }

    /** The median of vSAM's reuse (one-pass) steps over the median of SGD's steps. */
    public double reuseOverSgdMedian() {
        return vsam.reuseSteps().median() / sgd.steps().median();
    }

    /** p90/p10 of SGD's step times. */
    public double sgdSpread() {
        return sgd.steps().spread();
    }
}
