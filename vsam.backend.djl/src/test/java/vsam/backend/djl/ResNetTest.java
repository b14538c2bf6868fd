package vsam.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.network.DeviceBatch;
import vsam.api.network.Evaluation;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.api.vector.Vec;

/** The CIFAR ResNet-18 builds (residual blocks, strided and 1×1 shortcut convolutions, global pooling) and trains a step. */
class ResNetTest {

    @Test
    void resnet18RunsOneTrainingStepAtBatchTwo() {
        try (DjlSession session = Fixtures.session(2)) {
            ModelSpec spec = Models.resnet18(Fixtures.CIFAR, 10);
            Network network = session.build(spec, InitialWeights.generate(spec, 5), new LossOptions(0.1));
            assertEquals(spec.segments().totalLength(), network.params().length());
            Vec grad = session.zerosLike(network);
            Vec momentum = session.zerosLike(network);
            try (DeviceBatch batch = session.upload(Fixtures.randomBatch(1, 2, Fixtures.CIFAR, 10))) {
                double loss = network.lossAndGradient(batch, Pass.CLEAN, grad);
                assertTrue(Double.isFinite(loss) && loss > 0, "loss " + loss);
                double norm = grad.norm2();
                assertTrue(Double.isFinite(norm) && norm > 0, "gradient norm " + norm);
                // every tensor receives a gradient (the shortcut convolutions included)
                for (int i = 0; i < spec.segments().count(); i++) {
                    assertTrue(grad.norm2(new vsam.api.vector.SegmentScope(i, i + 1)) > 0, spec.segments().name(i));
                }
                network.params().sgdStep(grad, momentum, 0.05f, 0.9f, 1e-3f, false);
                Evaluation eval = network.evaluate(batch);
                assertEquals(2, eval.count());
                assertTrue(Double.isFinite(eval.lossSum()));
            }
            System.out.printf("[djl] resnet18: %d parameters in %d tensors, %d BatchNorm layers%n",
                    spec.segments().totalLength(), spec.segments().count(), spec.batchNormLayers());
        }
    }
}
