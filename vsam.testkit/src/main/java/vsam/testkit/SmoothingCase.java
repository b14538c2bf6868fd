package vsam.testkit;

import vsam.api.Session;
import vsam.api.model.InitScheme;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.network.HostBatch;
import vsam.api.network.DeviceBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;

/**
 * A label-smoothing case whose loss is known by hand: an {@code mlp} whose weights are all 0, so every
 * example's logits are the last layer's bias {@code z}, and the loss of either convention written out
 * from its own target, independently of how a backend folds the conventions together.
 *
 * <ul>
 *   <li>uniform: {@code L = −(1 − ε + ε/C)·log p_y − Σ_{c≠y} (ε/C)·log p_c}</li>
 *   <li>others:  {@code L = −(1 − ε)·log p_y − Σ_{c≠y} (ε/(C − 1))·log p_c}</li>
 * </ul>
 * with {@code p = softmax(z)}; the batch mean equals the loss of one example since all logits agree.
 *
 * @param spec   an mlp spec
 * @param logits the last layer's bias, one value per class
 * @param label  every example's label
 */
public record SmoothingCase(ModelSpec spec, float[] logits, int label) {

    /** Weights with every value 0 except the last tensor (the output bias), set to {@link #logits()}. */
    public InitialWeights weights() {
        var segments = spec.segments();
        float[] values = new float[Math.toIntExact(segments.totalLength())];
        int last = segments.count() - 1;
        if (segments.size(last) != logits.length) {
            throw new IllegalArgumentException("the last tensor of " + spec.id() + " is not a " + logits.length + "-class bias");
        }
        System.arraycopy(logits, 0, values, Math.toIntExact(segments.offset(last)), logits.length);
        return InitialWeights.transfer(spec, segments, values, InitScheme.DEFAULT, 0);
    }

    /** {@code examples} zero images, all labelled {@link #label()}. */
    public HostBatch batch(int examples) {
        int[] labels = new int[examples];
        java.util.Arrays.fill(labels, label);
        return new HostBatch(new float[examples * spec.input().elements()], labels, examples, spec.input());
    }

    /** The loss written out for {@code loss}'s convention (see the class documentation). */
    public double expectedLoss(LossOptions loss) {
        int classes = logits.length;
        double max = Double.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (float z : logits) {
            sum += Math.exp(z - max);
        }
        double eps = loss.labelSmoothing();
        double onLabel = loss.convention() == LossOptions.Convention.UNIFORM ? 1 - eps + eps / classes : 1 - eps;
        double offLabel = loss.convention() == LossOptions.Convention.UNIFORM ? eps / classes : eps / (classes - 1);
        double total = 0;
        for (int c = 0; c < classes; c++) {
            double logP = logits[c] - max - Math.log(sum);
            total -= (c == label ? onLabel : offLabel) * logP;
        }
        return total;
    }

    /**
     * Checks that {@code session}'s network and the {@link ReferenceMlp} give {@link #expectedLoss} for the
     * uniform convention at ε = 0.1 and the others convention at ε = 0.1 and 0.3, on a batch of 4.
     *
     * @throws AssertionError naming the loss options and both values on a mismatch (relative 1e-5 for the
     *                        session, 1e-9 for the reference)
     */
    public void assertMatchesHandComputation(Session session) {
        for (LossOptions loss : new LossOptions[] {new LossOptions(0.1, LossOptions.Convention.UNIFORM),
                new LossOptions(0.1, LossOptions.Convention.OTHERS), new LossOptions(0.3, LossOptions.Convention.OTHERS)}) {
            double expected = expectedLoss(loss);
            Network net = session.build(spec, weights(), loss);
            double actual;
            try (DeviceBatch b = session.upload(batch(4))) {
                actual = net.lossAndGradient(b, Pass.CLEAN, session.zerosLike(net));
            }
            double reference = new ReferenceMlp(spec, weights(), loss).lossAndGradient(new HeapBatch(batch(4)), Pass.CLEAN,
                    new ArrayVec(spec.segments()));
            if (Math.abs(actual - expected) > 1e-5 * expected || Math.abs(reference - expected) > 1e-9 * expected) {
                throw new AssertionError(loss + ": expected loss " + expected + ", backend " + actual + ", reference " + reference);
            }
        }
    }
}
