package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.Evaluation;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.api.vector.Vec;
import vsam.backend.javacpp.Fixtures;

/**
 * {@code Network.logits}: the javacpp CPU and DJL backends give the same class scores, in inference mode
 * (after a training pass has moved the BatchNorm running statistics), and their arg-max and log-softmax
 * reproduce what {@code evaluate} counts and sums.
 */
class ClassScoresTest extends CpuAndDjlSessions {

    @Test
    void bothBackendsScoreAlikeAndAgreeWithEvaluate() {
        ModelSpec spec = Models.cnnS(new Shape(1, 28, 28), 10);
        InitialWeights init = InitialWeights.generate(spec, 8);
        HostBatch train = Fixtures.batch(16, spec.input(), spec.classes(), 9);
        HostBatch test = Fixtures.batch(12, spec.input(), spec.classes(), 10);
        float[][] scores = new float[2][];
        int k = 0;
        for (var session : new vsam.api.Session[] {cpu, djl}) {
            Network net = session.build(spec, init, new LossOptions(0));
            Vec g = session.zerosLike(net);
            try (DeviceBatch x = session.upload(train)) {
                net.lossAndGradient(x, Pass.CLEAN, g); // moves the running statistics away from (0, 1)
            }
            try (DeviceBatch y = session.upload(test)) {
                float[] logits = net.logits(y);
                Evaluation e = net.evaluate(y);
                assertEquals(test.size() * spec.classes(), logits.length);
                assertEquals(e.correct(), correct(logits, test), session + ": arg-max of the scores");
                assertEquals(e.lossSum(), crossEntropy(logits, test), 1e-4 * e.lossSum(), session + ": log-softmax of the scores");
                scores[k++] = logits;
            }
        }
        assertEquals(0, Fixtures.relativeL2(scores[0], scores[1], 0, scores[0].length), 1e-4, "javacpp vs djl class scores");
    }

    private static long correct(float[] logits, HostBatch batch) {
        int classes = logits.length / batch.size();
        long right = 0;
        for (int i = 0; i < batch.size(); i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                best = logits[i * classes + c] > logits[i * classes + best] ? c : best;
            }
            right += best == batch.labels()[i] ? 1 : 0;
        }
        return right;
    }

    private static double crossEntropy(float[] logits, HostBatch batch) {
        int classes = logits.length / batch.size();
        double sum = 0;
        for (int i = 0; i < batch.size(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[i * classes + c]);
            }
            double z = 0;
            for (int c = 0; c < classes; c++) {
                z += Math.exp(logits[i * classes + c] - max);
            }
            sum += Math.log(z) + max - logits[i * classes + batch.labels()[i]];
        }
        return sum;
    }
}
