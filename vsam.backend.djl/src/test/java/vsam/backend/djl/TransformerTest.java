package vsam.backend.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
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
import vsam.api.network.Pass;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;
import vsam.testkit.TransformerReference;

/**
 * The djl backend's transformer layers against {@link TransformerReference} (double precision, itself checked
 * by finite differences): a tiny vision transformer with a class token gives the reference's loss, and each
 * parameter tensor's gradient matches central differences of the reference loss. vit-tiny trains a step
 * with finite values, and its PERTURBED pass changes no buffer (a transformer has none: LayerNorm keeps no
 * running statistics).
 */
class TransformerTest {

    private static final Shape INPUT = new Shape(1, 4, 4);
    private static final int CLASSES = 3;
    private static final int WIDTH = 8;
    private static final int HEADS = 2;
    private static final int HIDDEN = 12;
    private static DjlSession session;

    @BeforeAll
    static void open() {
        session = Fixtures.session(2);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static ModelSpec tiny() {
        return ModelFile.parse("""
                {"layers": [{"type": "patchembed", "out": 8, "patch": 2}, {"type": "classtoken"}, {"type": "posembed"},
                  {"type": "transformer", "heads": 2, "mlp": 12}, {"type": "layernorm"}, {"type": "clspool"},
                  {"type": "linear", "out": "classes"}]}""", "tiny-vit.json").spec("tiny-vit", INPUT, CLASSES);
    }

    @Test
    void aTinyVisionTransformerMatchesTheDoublePrecisionReference() {
        ModelSpec spec = tiny();
        Segments segments = spec.segments();
        Random random = new Random(5);
        float[] w = new float[Math.toIntExact(segments.totalLength())];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.4 * random.nextGaussian());
        }
        HostBatch batch = Fixtures.randomBatch(6, 3, INPUT, CLASSES);
        Network net = session.build(spec, InitialWeights.transfer(spec, segments, w, vsam.api.model.InitScheme.PYTORCH, 0),
                new LossOptions(0));
        Vec g = session.zerosLike(net);
        double loss;
        try (DeviceBatch x = session.upload(batch)) {
            loss = net.lossAndGradient(x, Pass.CLEAN, g);
        }
        double[] p = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            p[i] = w[i];
        }
        assertEquals(referenceLoss(p, segments, batch), loss, 1e-5 * loss, "loss");
        float[] grad = g.read();
        double h = 1e-5;
        for (int s = 0; s < segments.count(); s++) {
            int from = Math.toIntExact(segments.offset(s));
            int size = Math.toIntExact(segments.size(s));
            for (int k = 0; k < Math.min(size, 6); k++) {
                int i = from + (int) ((long) k * 7919 % size);
                double keep = p[i];
                p[i] = keep + h;
                double up = referenceLoss(p, segments, batch);
                p[i] = keep - h;
                double down = referenceLoss(p, segments, batch);
                p[i] = keep;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, grad[i], 1e-4 + 1e-3 * Math.abs(fd), segments.name(s) + "[" + (i - from) + "]");
            }
        }
    }

    @Test
    void vitTinyStepsWithFiniteValuesAndItsPerturbedPassKeepsEveryBuffer() {
        ModelSpec spec = Models.byId("vit-tiny", new Shape(1, 28, 28), 10);
        Network net = session.build(spec, InitialWeights.generate(spec, vsam.api.model.InitScheme.TRUNC_NORMAL, 1),
                new LossOptions(0.1));
        assertEquals(0, net.exportState().buffers().length, "no BatchNorm, and LayerNorm keeps no running statistics");
        Vec g = session.zerosLike(net);
        float[] before = net.exportState().parameters();
        try (DeviceBatch x = session.upload(Fixtures.randomBatch(2, 4, spec.input(), 10))) {
            double loss = net.lossAndGradient(x, Pass.PERTURBED, g);
            assertTrue(Double.isFinite(loss) && Math.abs(loss - Math.log(10)) < 0.5, "near log 10 at the start: " + loss);
        }
        assertArrayEquals(before, net.exportState().parameters(), "a pass changes no weight");
        for (float v : g.read()) {
            assertTrue(Float.isFinite(v));
        }
    }

    /** The mean cross-entropy of the tiny model in double precision, parameters in spec order. */
    private static double referenceLoss(double[] p, Segments segments, HostBatch batch) {
        int[] at = {0};
        java.util.function.IntFunction<double[]> next = unused -> {
            int s = at[0]++;
            int from = Math.toIntExact(segments.offset(s));
            return java.util.Arrays.copyOfRange(p, from, from + Math.toIntExact(segments.size(s)));
        };
        double[] convW = next.apply(0);
        double[] convB = next.apply(0);
        double[] cls = next.apply(0);
        double[] pos = next.apply(0);
        double[] ln1g = next.apply(0);
        double[] ln1b = next.apply(0);
        TransformerReference.Attention attention = new TransformerReference.Attention(WIDTH, HEADS, next.apply(0),
                next.apply(0), next.apply(0), next.apply(0));
        double[] ln2g = next.apply(0);
        double[] ln2b = next.apply(0);
        double[] fc1W = next.apply(0);
        double[] fc1B = next.apply(0);
        double[] fc2W = next.apply(0);
        double[] fc2B = next.apply(0);
        double[] lnfg = next.apply(0);
        double[] lnfb = next.apply(0);
        double[] headW = next.apply(0);
        double[] headB = next.apply(0);
        assertEquals(segments.count(), at[0], "every tensor used");
        int n = batch.size();
        int tokens = 5;
        double[] x = new double[n * tokens * WIDTH];
        for (int b = 0; b < n; b++) {
            for (int t = 0; t < tokens; t++) {
                for (int o = 0; o < WIDTH; o++) {
                    double v;
                    if (t == 0) {
                        v = cls[o];
                    } else {
                        int py = (t - 1) / 2;
                        int px = (t - 1) % 2;
                        v = convB[o];
                        for (int dy = 0; dy < 2; dy++) {
                            for (int dx = 0; dx < 2; dx++) {
                                v += convW[o * 4 + dy * 2 + dx] * batch.features()[b * 16 + (2 * py + dy) * 4 + 2 * px + dx];
                            }
                        }
                    }
                    x[(b * tokens + t) * WIDTH + o] = v + pos[t * WIDTH + o];
                }
            }
        }
        double eps = vsam.api.model.Layer.LayerNorm.EPSILON;
        double[] a = attention.forward(TransformerReference.layerNorm(x, WIDTH, ln1g, ln1b, eps), n, tokens);
        for (int i = 0; i < x.length; i++) {
            x[i] += a[i];
        }
        double[] hidden = TransformerReference.linear(TransformerReference.layerNorm(x, WIDTH, ln2g, ln2b, eps), n * tokens,
                WIDTH, HIDDEN, fc1W, fc1B);
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = TransformerReference.gelu(hidden[i]);
        }
        double[] m = TransformerReference.linear(hidden, n * tokens, HIDDEN, WIDTH, fc2W, fc2B);
        for (int i = 0; i < x.length; i++) {
            x[i] += m[i];
        }
        double[] normed = TransformerReference.layerNorm(x, WIDTH, lnfg, lnfb, eps);
        double[] first = new double[n * WIDTH];
        for (int b = 0; b < n; b++) {
            System.arraycopy(normed, b * tokens * WIDTH, first, b * WIDTH, WIDTH);
        }
        double[] logits = TransformerReference.linear(first, n, WIDTH, CLASSES, headW, headB);
        double loss = 0;
        for (int b = 0; b < n; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CLASSES; c++) {
                max = Math.max(max, logits[b * CLASSES + c]);
            }
            double z = 0;
            for (int c = 0; c < CLASSES; c++) {
                z += Math.exp(logits[b * CLASSES + c] - max);
            }
            loss += Math.log(z) + max - logits[b * CLASSES + batch.labels()[b]];
        }
        return loss / n;
    }
}
