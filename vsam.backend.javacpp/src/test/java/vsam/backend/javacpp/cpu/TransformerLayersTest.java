package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vsam.api.model.Layer;
import vsam.api.model.Shape;
import vsam.testkit.TransformerReference;

/**
 * The CPU transformer nodes, each alone on random inputs, against {@link TransformerReference} in double
 * precision: forward output, input gradient and parameter gradients (relative L2 within 1e-5), at one and
 * at three threads (the partial weight gradients of the thread parts are summed).
 */
class TransformerLayersTest {

    private static final double TOLERANCE = 1e-5;

    @Test
    void erfIsWithinTwoTenMillionthsOfTheDoublePrecisionSeries() {
        double worst = 0;
        for (int i = -700_000; i <= 700_000; i++) {
            float x = i * 1e-5f;
            worst = Math.max(worst, Math.abs(Erf.erf(x) - TransformerReference.erf(x)));
        }
        assertTrue(worst <= 2e-7, "max |erf error| " + worst);
        assertEquals(1f, Erf.erf(20f));
        assertEquals(-1f, Erf.erf(-20f));
        assertTrue(Math.abs(Erf.erf(0f)) < 1e-8, "erf(0) = " + Erf.erf(0f));
    }

    @Test
    void geluAndItsDerivativeFollowTheExactForm() {
        for (int i = -8000; i <= 8000; i++) {
            float x = i * 1e-3f;
            assertEquals(TransformerReference.gelu(x), Erf.gelu(x), 2e-7 * Math.max(1, Math.abs(x)), "gelu(" + x + ")");
            assertEquals(TransformerReference.geluDerivative(x), Erf.geluDerivative(x), 3e-7 * Math.max(1, Math.abs(x)),
                    "gelu'(" + x + ")");
        }
    }

    @Test
    void geluNodeForwardAndBackward() {
        int n = 3;
        Shape shape = new Shape(5, 7, 1);
        float[] x = scaled(gaussian(n * 35, 1), 2.5f);
        float[] dy = gaussian(n * 35, 2);
        try (NodeHarness h = new NodeHarness(new Gelu(shape, Node.Layout.FLAT), new float[0], n, 2)) {
            float[] y = h.forward(x);
            float[] dx = h.backward(dy);
            double[] ey = new double[x.length];
            double[] edx = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                ey[i] = TransformerReference.gelu(x[i]);
                edx[i] = dy[i] * TransformerReference.geluDerivative(x[i]);
            }
            assertClose("gelu y", ey, y);
            assertClose("gelu dx", edx, dx);
        }
    }

    @Test
    void layerNormOnTokensAtOneAndThreeThreads() {
        for (int threads : new int[] {1, 3}) {
            layerNorm(new Shape(6, 10, 1), 4, threads);
        }
    }

    @Test
    void layerNormOnAFlatVector() {
        layerNorm(new Shape(10, 1, 1), 5, 2);
    }

    private static void layerNorm(Shape shape, int n, int threads) {
        int d = 10;
        float[] x = gaussian(n * shape.elements(), 3);
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * 3 + 1.5f;   // an offset and a spread for the normalisation to remove
        }
        float[] params = gaussian(2 * d, 4);
        float[] dy = gaussian(x.length, 5);
        try (NodeHarness h = new NodeHarness(new LayerNorm(new Layer.LayerNorm(d), shape, 0), params, n, threads)) {
            float[] y = h.forward(x);
            float[] dx = h.backward(dy);
            double[] gamma = toDouble(Arrays.copyOfRange(params, 0, d));
            double[] beta = toDouble(Arrays.copyOfRange(params, d, 2 * d));
            double eps = Layer.LayerNorm.EPSILON;
            assertClose("layernorm y", TransformerReference.layerNorm(toDouble(x), d, gamma, beta, eps), y);
            double[] dGamma = new double[d];
            double[] dBeta = new double[d];
            double[] edx = TransformerReference.layerNormBackward(toDouble(x), toDouble(dy), d, gamma, eps, dGamma, dBeta);
            assertClose("layernorm dx", edx, dx);
            float[] g = h.gradient();
            assertClose("layernorm dgamma", dGamma, Arrays.copyOfRange(g, 0, d));
            assertClose("layernorm dbeta", dBeta, Arrays.copyOfRange(g, d, 2 * d));
        }
    }

    @Test
    void selfAttentionAtOneAndThreeThreads() {
        for (int threads : new int[] {1, 3}) {
            selfAttention(12, 3, 7, 4, threads, 1f);
        }
    }

    @Test
    void singleHeadAttention() {
        selfAttention(6, 1, 5, 2, 2, 1f);
    }

    private static void selfAttention(int d, int heads, int tokens, int n, int threads, float weightScale) {
        Shape shape = new Shape(tokens, d, 1);
        float[] x = gaussian(n * tokens * d, 6);
        float[] params = scaled(gaussian((int) vsam.backend.javacpp.AttentionLayout.parameters(d), 7), weightScale * 0.4f);
        float[] dy = gaussian(x.length, 8);
        TransformerReference.Attention reference = attention(d, heads, params);
        try (NodeHarness h = new NodeHarness(new SelfAttention(new Layer.SelfAttention(d, heads), shape, 0), params, n, threads)) {
            float[] y = h.forward(x);
            float[] dx = h.backward(dy);
            assertClose("attention y", reference.forward(toDouble(x), n, tokens), y);
            TransformerReference.Attention grads = attention(d, heads, new float[params.length]);
            double[] edx = reference.backward(toDouble(x), toDouble(dy), n, tokens, grads);
            assertClose("attention dx", edx, dx);
            float[] g = h.gradient();
            int q = 3 * d * d;
            assertClose("attention dW_qkv", grads.qkvWeight(), Arrays.copyOfRange(g, 0, q));
            assertClose("attention db_qkv", grads.qkvBias(), Arrays.copyOfRange(g, q, q + 3 * d));
            assertClose("attention dW_o", grads.outWeight(), Arrays.copyOfRange(g, q + 3 * d, q + 3 * d + d * d));
            assertClose("attention db_o", grads.outBias(), Arrays.copyOfRange(g, q + 3 * d + d * d, g.length));
        }
    }

    /** The reference attention over the parameters in the layer's order: W_qkv, b_qkv, W_o, b_o. */
    static TransformerReference.Attention attention(int d, int heads, float[] p) {
        int q = 3 * d * d;
        return new TransformerReference.Attention(d, heads, toDouble(Arrays.copyOfRange(p, 0, q)),
                toDouble(Arrays.copyOfRange(p, q, q + 3 * d)), toDouble(Arrays.copyOfRange(p, q + 3 * d, q + 3 * d + d * d)),
                toDouble(Arrays.copyOfRange(p, q + 3 * d + d * d, p.length)));
    }

    /**
     * Attention logits of ±1e4 (queries and keys of about ±100 per feature): the softmax subtracts each
     * row's maximum, so the output and every gradient are finite and still match the reference, whose
     * probabilities are then one-hot.
     */
    @Test
    void softmaxIsStableAtLogitsOfTenThousand() {
        int d = 4;
        int tokens = 5;
        int n = 2;
        float[] x = gaussian(n * tokens * d, 9);
        float[] params = scaled(gaussian((int) vsam.backend.javacpp.AttentionLayout.parameters(d), 10), 0.3f);
        for (int i = 0; i < 2 * d * d; i++) {
            params[i] *= 300;   // the query and key rows of W_qkv
        }
        TransformerReference.Attention reference = attention(d, 1, params);
        double maxLogit = maxAbsLogit(reference, toDouble(x), n, tokens);
        assertTrue(maxLogit >= 1e4, "largest |logit| " + maxLogit);
        float[] dy = gaussian(x.length, 11);
        try (NodeHarness h = new NodeHarness(new SelfAttention(new Layer.SelfAttention(d, 1), new Shape(tokens, d, 1), 0),
                params, n, 1)) {
            float[] y = h.forward(x);
            float[] dx = h.backward(dy);
            float[] g = h.gradient();
            assertTrue(allFinite(y) && allFinite(dx) && allFinite(g), "finite output and gradients");
            assertClose("attention y at large logits", reference.forward(toDouble(x), n, tokens), y, 1e-4);
        }
    }

    /** {@code max |Q Kᵀ / √d|} of one-head attention, in double. */
    static double maxAbsLogit(TransformerReference.Attention a, double[] x, int n, int tokens) {
        int d = a.width();
        double[] qkv = TransformerReference.linear(x, n * tokens, d, 3 * d, a.qkvWeight(), a.qkvBias());
        double max = 0;
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < tokens; i++) {
                for (int j = 0; j < tokens; j++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += qkv[(e * tokens + i) * 3 * d + k] * qkv[(e * tokens + j) * 3 * d + d + k];
                    }
                    max = Math.max(max, Math.abs(s / Math.sqrt(d)));
                }
            }
        }
        return max;
    }

    @Test
    void tokensFromChannelMajorAndFromFlatMaps() {
        int n = 2;
        Shape shape = new Shape(3, 2, 4);
        float[] x = gaussian(n * 24, 12);
        for (Node.Layout from : Node.Layout.values()) {
            try (NodeHarness h = new NodeHarness(new TokenLayout(shape, from), new float[0], n, 2)) {
                float[] y = h.forward(x);
                double[] expected = new double[x.length];
                for (int e = 0; e < n; e++) {
                    for (int c = 0; c < 3; c++) {
                        for (int t = 0; t < 8; t++) {
                            int src = from == Node.Layout.CHANNELS ? (c * n + e) * 8 + t : (e * 3 + c) * 8 + t;
                            expected[(e * 8 + t) * 3 + c] = x[src];
                        }
                    }
                }
                assertClose("tokens " + from, expected, y);
                // the map is a permutation: its backward pass is its inverse
                assertClose("tokens dx " + from, toDouble(x), h.backward(y));
            }
        }
    }

    @Test
    void classTokenPositionEmbeddingAndPools() {
        int n = 3;
        int t = 4;
        int d = 5;
        float[] x = gaussian(n * t * d, 13);
        float[] cls = gaussian(d, 14);
        float[] dy = gaussian(n * (t + 1) * d, 15);
        try (NodeHarness h = new NodeHarness(new ClassToken(new Shape(t, d, 1), 0), cls, n, 2)) {
            float[] y = h.forward(x);
            float[] dx = h.backward(dy);
            double[] dCls = new double[d];
            for (int e = 0; e < n; e++) {
                for (int j = 0; j < d; j++) {
                    assertEquals(cls[j], y[e * (t + 1) * d + j]);
                    dCls[j] += dy[e * (t + 1) * d + j];
                }
                for (int i = 0; i < t * d; i++) {
                    assertEquals(x[e * t * d + i], y[e * (t + 1) * d + d + i]);
                    assertEquals(dy[e * (t + 1) * d + d + i], dx[e * t * d + i]);
                }
            }
            assertClose("class token gradient", dCls, h.gradient());
        }
        float[] pos = gaussian(t * d, 16);
        float[] dyPos = gaussian(n * t * d, 17);
        try (NodeHarness h = new NodeHarness(new PositionEmbedding(new Shape(t, d, 1), 0), pos, n, 2)) {
            float[] y = h.forward(x);
            float[] dx = h.backward(dyPos);
            double[] dPos = new double[t * d];
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i] + pos[i % (t * d)], y[i], 1e-6);
                dPos[i % (t * d)] += dyPos[i];
            }
            assertClose("position embedding dx", toDouble(dyPos), dx);
            assertClose("position embedding gradient", dPos, h.gradient());
        }
        float[] dyPool = gaussian(n * d, 18);
        for (boolean mean : new boolean[] {true, false}) {
            try (NodeHarness h = new NodeHarness(new TokenPool(new Shape(t, d, 1), mean), new float[0], n, 2)) {
                float[] y = h.forward(x);
                float[] dx = h.backward(dyPool);
                double[] ey = new double[n * d];
                double[] edx = new double[x.length];
                for (int e = 0; e < n; e++) {
                    for (int j = 0; j < d; j++) {
                        for (int i = 0; i < t; i++) {
                            if (mean) {
                                ey[e * d + j] += x[(e * t + i) * d + j] / (double) t;
                                edx[(e * t + i) * d + j] = dyPool[e * d + j] / (double) t;
                            } else if (i == 0) {
                                ey[e * d + j] = x[e * t * d + j];
                                edx[e * t * d + j] = dyPool[e * d + j];
                            }
                        }
                    }
                }
                assertClose((mean ? "mean" : "class") + " pool y", ey, y);
                assertClose((mean ? "mean" : "class") + " pool dx", edx, dx);
            }
        }
    }

    static void assertClose(String what, double[] expected, float[] actual) {
        assertClose(what, expected, actual, TOLERANCE);
    }

    static void assertClose(String what, double[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, what + ": length");
        double num = 0;
        double den = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = actual[i] - expected[i];
            num += d * d;
            den += expected[i] * expected[i];
        }
        double rel = Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-30);
        assertTrue(rel <= tolerance, what + ": relative L2 distance " + rel);
    }

    static boolean allFinite(float[] a) {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    static float[] scaled(float[] a, float s) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= s;
        }
        return a;
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
