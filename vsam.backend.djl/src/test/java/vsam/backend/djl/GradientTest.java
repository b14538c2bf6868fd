package vsam.backend.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.network.DeviceBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;

/** Gradients are overwritten on every pass and agree with finite differences of the loss (conv, BN, pool backward). */
class GradientTest {

    private static DjlSession session;

    @BeforeAll
    static void open() {
        session = Fixtures.session(1); // single-threaded: deterministic reductions for the exact-repeat check
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void gradientsAreOverwrittenNotAccumulated() {
        ModelSpec spec = Models.cnnS(Fixtures.MNIST, 10);
        Network network = session.build(spec, InitialWeights.generate(spec, 4), new LossOptions(0.1));
        Vec first = session.zerosLike(network);
        Vec second = session.zerosLike(network);
        try (DeviceBatch batch = session.upload(Fixtures.randomBatch(3, 8, Fixtures.MNIST, 10))) {
            double a = network.lossAndGradient(batch, Pass.CLEAN, first);
            second.fill(7f);
            double b = network.lossAndGradient(batch, Pass.CLEAN, second);
            assertEquals(a, b, 0, "same weights, same batch, same training-mode loss");
            float[] x = first.read();
            float[] y = second.read();
            double error = Fixtures.relativeL2(y, x, 0, x.length);
            assertTrue(error < 1e-6, "second gradient differs from the first by " + error + " (accumulated?)");
            // and a third pass into the first vector once more
            network.lossAndGradient(batch, Pass.PERTURBED, first);
            assertTrue(Fixtures.relativeL2(first.read(), x, 0, x.length) < 1e-6);
        }
    }

    /**
     * Central differences of the training-mode loss, {@code (L(w + h·e_i) − L(w − h·e_i)) / 2h}, against
     * the gradient, at the largest-gradient coordinate of every tensor of cnn-s (convolutions,
     * BatchNorm gamma and beta, the linear layers; the pooling and ReLU switches sit in between). Uses
     * PERTURBED passes so the BatchNorm buffers stay put. ReLU and max-pool kinks crossed within
     * {@code ±h} and float32 rounding of the loss limit the agreement to about 1%, hence 3%.
     */
    @Test
    void cnnGradientAgreesWithFiniteDifferences() {
        ModelSpec spec = Models.cnnS(Fixtures.MNIST, 10);
        Network network = session.build(spec, InitialWeights.generate(spec, 12), new LossOptions(0.1));
        Segments segments = spec.segments();
        Vec grad = session.zerosLike(network);
        Vec direction = session.zerosLike(network);
        Vec saved = session.zerosLike(network);
        Vec scratch = session.zerosLike(network);
        try (DeviceBatch batch = session.upload(Fixtures.randomBatch(13, 8, Fixtures.MNIST, 10))) {
            network.lossAndGradient(batch, Pass.PERTURBED, grad);
            float[] g = grad.read();
            saved.copyFrom(network.params());
            for (int seg = 0; seg < segments.count(); seg++) {
                int best = (int) segments.offset(seg);
                for (int i = best; i < segments.offset(seg + 1); i++) {
                    if (Math.abs(g[i]) > Math.abs(g[best])) {
                        best = i;
                    }
                }
                float[] u = new float[g.length];
                u[best] = 1;
                direction.write(u);
                double fd = centralDifference(network, batch, direction, saved, scratch, 1e-3f);
                assertEquals(g[best], fd, 3e-2 * Math.abs(g[best]) + 2e-3,
                        "d loss / d " + segments.name(seg) + "[" + (best - segments.offset(seg)) + "]");
            }
            assertArrayEquals(saved.read(), network.params().read(), "weights restored");
        }
    }

    private static double centralDifference(Network network, DeviceBatch batch, Vec u, Vec saved, Vec scratch, float h) {
        network.params().copyFrom(saved);
        network.params().axpy(h, u);
        double plus = network.lossAndGradient(batch, Pass.PERTURBED, scratch);
        network.params().copyFrom(saved);
        network.params().axpy(-h, u);
        double minus = network.lossAndGradient(batch, Pass.PERTURBED, scratch);
        network.params().copyFrom(saved);
        return (plus - minus) / (2 * h);
    }
}
