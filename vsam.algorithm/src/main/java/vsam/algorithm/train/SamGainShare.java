package vsam.algorithm.train;

import java.util.OptionalDouble;

/**
 * The share of SAM's accuracy gain over SGD that a method keeps,
 * {@code (acc − acc_SGD) / (acc_SAM − acc_SGD)}: 1 for SAM, 0 for SGD, between them for a cheaper method that
 * keeps part of the gain (docs/ALGORITHMS.md §4). It is the number that tells the efficient-SAM methods apart
 * where SAM helps, and the one rule every table (the {@code compare} and {@code demo} tables, the experiment
 * report) prints.
 *
 * <p>It is undefined where SAM gains less than {@link #MIN_GAIN} over SGD, or loses to it: a ratio of a gain
 * that one seed's noise could erase would only amplify that noise.
 */
public final class SamGainShare {

    /** The least gain of SAM over SGD (accuracy as a fraction) for which a share is given: half a point. */
    public static final double MIN_GAIN = 0.005;

    private SamGainShare() {
    }

    /**
     * The share of the gain {@code accuracy} keeps, given SGD's and SAM's accuracy on the same setup (all as
     * fractions, final or best alike); empty when SAM's gain is under {@link #MIN_GAIN} or any value is NaN.
     */
    public static OptionalDouble of(double accuracy, double sgdAccuracy, double samAccuracy) {
        double gain = samAccuracy - sgdAccuracy;
        if (!(gain >= MIN_GAIN) || Double.isNaN(accuracy)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((accuracy - sgdAccuracy) / gain);
    }

    /** Whether SAM's gain over SGD is large enough for shares of it to mean something. */
    public static boolean isMeaningful(double sgdAccuracy, double samAccuracy) {
        return samAccuracy - sgdAccuracy >= MIN_GAIN;
    }

    /** A share as whole percent ("67%", never "-0%"), or "—" when it is undefined. */
    public static String percent(OptionalDouble share) {
        return share.isPresent() ? Math.round(100 * share.getAsDouble()) + "%" : "—";
    }
}
