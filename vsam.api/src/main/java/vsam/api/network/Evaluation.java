package vsam.api.network;

/**
 * The result of evaluating a network on a batch (in inference mode: BatchNorm uses running statistics).
 *
 * @param lossSum  sum over the examples of the cross-entropy loss (without label smoothing)
 * @param correct  examples whose arg-max logit is the label
 * @param count    examples evaluated
 */
public record Evaluation(double lossSum, long correct, long count) {

    /** The empty evaluation, neutral for {@link #plus}. */
    public static final Evaluation EMPTY = new Evaluation(0, 0, 0);

    /** Sum of two evaluations. */
    public Evaluation plus(Evaluation other) {
        return new Evaluation(lossSum + other.lossSum, correct + other.correct, count + other.count);
    }

    /** {@code correct / count}, 0 when empty. */
    public double accuracy() {
        return count == 0 ? 0 : (double) correct / count;
    }

    /** {@code lossSum / count}, 0 when empty. */
    public double meanLoss() {
        return count == 0 ? 0 : lossSum / count;
    }
}
