package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelFile;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.NetworkState;
import vsam.api.network.Pass;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;
import vsam.backend.javacpp.Fixtures;

/**
 * Whole vision transformers built by {@link CpuSession} from model files, against {@link VitReference}
 * (the same network in double precision): loss and every gradient segment; the PERTURBED pass leaves the
 * state as it was; attention logits of ±1e4 give a finite loss and gradient.
 */
class VitNetworkTest {

    private static CpuSession session;

    @BeforeAll
    static void open() {
        session = new CpuSession(2);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void classTokenNetworkMatchesDoublePrecision() {
        assertMatchesReference(Fixtures.classTokenTransformer(), 5, 1, 1e-4);
    }

    @Test
    void meanPoolNetworkMatchesDoublePrecision() {
        assertMatchesReference(Fixtures.meanPoolTransformer(), 3, 2, 1e-4);
    }

    @Test
    void vitTinyMatchesDoublePrecision() {
        assertMatchesReference(Models.byId("vit-tiny", new Shape(1, 28, 28), 10), 2, 3, 2e-4);
    }

    /**
     * Random parameters (every γ and β too, not their 1 and 0), a random batch: the float network's loss
     * within 1e-5 relative and each gradient segment within {@code tolerance} relative L2 of double precision.
     */
    private static void assertMatchesReference(ModelSpec spec, int batch, long seed, double tolerance) {
        Network net = session.build(spec, InitialWeights.generate(spec, seed), LossOptions.PLAIN);
        float[] w = TransformerLayersTest.scaled(TransformerLayersTest.gaussian((int) net.params().length(), seed + 10), 0.3f);
        net.params().write(w);
        HostBatch host = Fixtures.batch(batch, spec.input(), spec.classes(), seed + 20);
        Vec g = session.zerosLike(net);
        double loss;
        try (DeviceBatch b = session.upload(host)) {
            loss = net.lossAndGradient(b, Pass.CLEAN, g);
        }
        double[] expected = new double[w.length];
        double reference = VitReference.lossAndGradient(spec, w, host.features(), host.labels(), batch, expected);
        assertEquals(reference, loss, 1e-5 * Math.abs(reference), "loss");
        float[] actual = g.read();
        Segments segments = spec.segments();
        for (int s = 0; s < segments.count(); s++) {
            int from = (int) segments.offset(s);
            int to = (int) segments.offset(s + 1);
            double[] e = java.util.Arrays.copyOfRange(expected, from, to);
            TransformerLayersTest.assertClose(spec.id() + " " + segments.name(s), e,
                    java.util.Arrays.copyOfRange(actual, from, to), tolerance);
        }
    }

    /**
     * Buffers are sized for the largest batch seen: after batches of 6 a batch of 2 gives exactly what a
     * fresh network built for 2 gives (the attention probabilities and LayerNorm statistics are indexed by
     * the batch actually passed, not by the capacity).
     */
    @Test
    void aSmallerBatchAfterALargerOneGivesAFreshNetworksResult() {
        ModelSpec spec = Fixtures.classTokenTransformer();
        InitialWeights init = InitialWeights.generate(spec, 30);
        Network reused = session.build(spec, init, new LossOptions(0.1));
        Network fresh = session.build(spec, init, new LossOptions(0.1));
        Vec g1 = session.zerosLike(reused);
        Vec g2 = session.zerosLike(fresh);
        try (DeviceBatch big = session.upload(Fixtures.batch(6, spec.input(), spec.classes(), 31));
             DeviceBatch small = session.upload(Fixtures.batch(2, spec.input(), spec.classes(), 32))) {
            reused.lossAndGradient(big, Pass.CLEAN, g1);
            double a = reused.lossAndGradient(small, Pass.CLEAN, g1);
            double b = fresh.lossAndGradient(small, Pass.CLEAN, g2);
            assertEquals(b, a, 0.0);
            assertArrayEquals(g2.read(), g1.read());
        }
    }

    /**
     * LayerNorm has no running statistics, so a vit-tiny network has no buffers at all, and a PERTURBED pass
     * (like a CLEAN one) leaves the exported state bit-identical: a second pass on the same batch gives the
     * same loss and gradient bit for bit.
     */
    @Test
    void perturbedPassLeavesTheStateOfVitTinyUnchanged() {
        ModelSpec spec = Models.byId("vit-tiny", new Shape(1, 28, 28), 10);
        Network net = session.build(spec, InitialWeights.generate(spec, 4), new LossOptions(0.1));
        Vec g = session.zerosLike(net);
        try (DeviceBatch b = session.upload(Fixtures.batch(4, spec.input(), 10, 5))) {
            double clean = net.lossAndGradient(b, Pass.CLEAN, g);
            float[] cleanGradient = g.read();
            NetworkState before = net.exportState();
            assertEquals(0, before.buffers().length, "LayerNorm keeps no running statistics: no buffers");
            double perturbed = net.lossAndGradient(b, Pass.PERTURBED, g);
            NetworkState after = net.exportState();
            assertArrayEquals(before.parameters(), after.parameters());
            assertArrayEquals(before.buffers(), after.buffers());
            assertEquals(clean, perturbed, 0.0, "same weights, same batch: the same loss in either pass");
            assertArrayEquals(cleanGradient, g.read());
            assertEquals(clean, net.lossAndGradient(b, Pass.CLEAN, g), 0.0);
        }
    }

    /**
     * Queries and keys of ±100 per feature give attention logits beyond 1e4; the softmax subtracts each row's
     * maximum, so loss and gradient are finite, and they still match double precision.
     */
    @Test
    void attentionLogitsOfTenThousandGiveAFiniteLossAndGradient() {
        ModelSpec spec = ModelFile.parse("""
                {"layers": [{"type": "tokens"}, {"type": "attention", "heads": 1}, {"type": "meanpool"},
                  {"type": "linear", "out": "classes"}]}""", "hot-attention.json").spec("hot-attention", new Shape(4, 1, 5), 3);
        Network net = session.build(spec, InitialWeights.generate(spec, 7), LossOptions.PLAIN);
        float[] w = TransformerLayersTest.scaled(TransformerLayersTest.gaussian((int) net.params().length(), 8), 0.3f);
        for (int i = 0; i < 2 * 4 * 4; i++) {
            w[i] *= 300;   // the query and key rows of W_qkv
        }
        net.params().write(w);
        HostBatch host = Fixtures.batch(3, spec.input(), 3, 9);
        double[] tokens = new double[3 * 5 * 4];
        for (int e = 0; e < 3; e++) {
            for (int t = 0; t < 5; t++) {
                for (int c = 0; c < 4; c++) {
                    tokens[(e * 5 + t) * 4 + c] = host.features()[(e * 4 + c) * 5 + t];
                }
            }
        }
        double maxLogit = TransformerLayersTest.maxAbsLogit(TransformerLayersTest.attention(4, 1,
                java.util.Arrays.copyOfRange(w, 0, (int) vsam.backend.javacpp.AttentionLayout.parameters(4))), tokens, 3, 5);
        assertTrue(maxLogit >= 1e4, "largest |logit| " + maxLogit);
        Vec g = session.zerosLike(net);
        double loss;
        try (DeviceBatch b = session.upload(host)) {
            loss = net.lossAndGradient(b, Pass.CLEAN, g);
        }
        assertTrue(Double.isFinite(loss), "loss " + loss);
        assertTrue(TransformerLayersTest.allFinite(g.read()), "finite gradient");
        double[] expected = new double[w.length];
        double reference = VitReference.lossAndGradient(spec, w, host.features(), host.labels(), 3, expected);
        assertEquals(reference, loss, 1e-4 * Math.abs(reference) + 1e-6, "loss");
    }
}
