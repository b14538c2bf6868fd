package vsam.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The double-precision transformer layers: erf against tabulated values, every gradient against central differences. */
class TransformerReferenceTest {

    private static final double H = 1e-6;

    @Test
    void erfMatchesTabulatedValues() {
        double[][] table = {{0.5, 0.5204998778130465}, {1, 0.8427007929497149}, {2, 0.9953222650189527},
                {2.9, 0.9999589021219005}, {3.5, 0.9999992569016276}, {-1, -0.8427007929497149}, {0, 0}};
        for (double[] row : table) {
            assertEquals(row[1], TransformerReference.erf(row[0]), 2e-15, "erf(" + row[0] + ")");
        }
    }

    @Test
    void geluDerivativeMatchesFiniteDifferences() {
        for (double x = -5; x <= 5; x += 0.37) {
            double fd = (TransformerReference.gelu(x + H) - TransformerReference.gelu(x - H)) / (2 * H);
            assertEquals(fd, TransformerReference.geluDerivative(x), 1e-8, "x = " + x);
        }
        assertEquals(0.8413447460685429, TransformerReference.gelu(1), 1e-15, "GELU(1) = Φ(1)");
    }

    @Test
    void layerNormGradientsMatchFiniteDifferences() {
        Random r = new Random(1);
        int width = 6;
        int rows = 4;
        double[] x = gaussian(r, rows * width, 2);
        double[] gamma = gaussian(r, width, 1);
        double[] beta = gaussian(r, width, 1);
        double[] c = gaussian(r, rows * width, 1);
        double eps = 1e-5;
        double[] dGamma = new double[width];
        double[] dBeta = new double[width];
        double[] dx = TransformerReference.layerNormBackward(x, c, width, gamma, eps, dGamma, dBeta);
        assertGradient(x, dx, v -> dot(c, TransformerReference.layerNorm(v, width, gamma, beta, eps)), "dx");
        assertGradient(gamma, dGamma, v -> dot(c, TransformerReference.layerNorm(x, width, v, beta, eps)), "dγ");
        assertGradient(beta, dBeta, v -> dot(c, TransformerReference.layerNorm(x, width, gamma, v, eps)), "dβ");
    }

    @Test
    void attentionGradientsMatchFiniteDifferences() {
        Random r = new Random(2);
        int d = 8;
        int heads = 2;
        int n = 2;
        int tokens = 5;
        TransformerReference.Attention a = new TransformerReference.Attention(d, heads, gaussian(r, 3 * d * d, 0.4),
                gaussian(r, 3 * d, 0.2), gaussian(r, d * d, 0.4), gaussian(r, d, 0.2));
        double[] x = gaussian(r, n * tokens * d, 1);
        double[] c = gaussian(r, n * tokens * d, 1);
        TransformerReference.Attention g = new TransformerReference.Attention(d, heads, new double[3 * d * d],
                new double[3 * d], new double[d * d], new double[d]);
        double[] dx = a.backward(x, c, n, tokens, g);
        assertGradient(x, dx, v -> dot(c, a.forward(v, n, tokens)), "dx");
        assertGradient(a.qkvWeight(), g.qkvWeight(), v -> dot(c, new TransformerReference.Attention(d, heads, v, a.qkvBias(),
                a.outWeight(), a.outBias()).forward(x, n, tokens)), "dW_qkv");
        assertGradient(a.qkvBias(), g.qkvBias(), v -> dot(c, new TransformerReference.Attention(d, heads, a.qkvWeight(), v,
                a.outWeight(), a.outBias()).forward(x, n, tokens)), "db_qkv");
        assertGradient(a.outWeight(), g.outWeight(), v -> dot(c, new TransformerReference.Attention(d, heads, a.qkvWeight(),
                a.qkvBias(), v, a.outBias()).forward(x, n, tokens)), "dW_o");
        assertGradient(a.outBias(), g.outBias(), v -> dot(c, new TransformerReference.Attention(d, heads, a.qkvWeight(),
                a.qkvBias(), a.outWeight(), v).forward(x, n, tokens)), "db_o");
    }

    @Test
    void attentionIsFiniteAtHugeLogits() {
        int d = 4;
        double[] qkvWeight = new double[3 * d * d];
        for (int i = 0; i < 2 * d * d; i++) {
            qkvWeight[i] = 100; // Q·K ≈ ±1e4 and more for inputs of size 1
        }
        for (int i = 2 * d * d; i < 3 * d * d; i++) {
            qkvWeight[i] = 0.1;
        }
        TransformerReference.Attention a = new TransformerReference.Attention(d, 1, qkvWeight, new double[3 * d], identity(d),
                new double[d]);
        double[] x = {1, -1, 1, -1, -1, 1, -1, 1, 0.5, 0.5, 0.5, 0.5};
        for (double y : a.forward(x, 1, 3)) {
            assertTrue(Double.isFinite(y), "finite output");
        }
    }

    private static void assertGradient(double[] at, double[] analytic, Function<double[], Double> f, String what) {
        for (int i = 0; i < at.length; i++) {
            double keep = at[i];
            at[i] = keep + H;
            double up = f.apply(at);
            at[i] = keep - H;
            double down = f.apply(at);
            at[i] = keep;
            double fd = (up - down) / (2 * H);
            assertEquals(fd, analytic[i], 1e-6 * Math.max(1, Math.abs(fd)), what + "[" + i + "]");
        }
    }

    private static double[] gaussian(Random r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * r.nextGaussian();
        }
        return a;
    }

    private static double[] identity(int d) {
        double[] w = new double[d * d];
        for (int i = 0; i < d; i++) {
            w[i * d + i] = 1;
        }
        return w;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
