package vsam.backend.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The convolution step (forward, input gradient, weight gradient) agrees with a direct double-precision
 * computation for the shapes the catalogue uses: 3×3 padding 1 at stride 1 and 2, and the 1×1 stride-2
 * shortcut. A sharper check of conv backward than finite differences.
 */
class ConvolutionTest {

    private static DjlSession session;

    @BeforeAll
    static void open() {
        session = Fixtures.session(2);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void threeByThreeStrideOne() {
        check(4, 16, 32, 10, 3, 1, 1);
    }

    @Test
    void threeByThreeStrideTwo() {
        check(2, 32, 64, 8, 3, 2, 1);
    }

    @Test
    void oneByOneStrideTwoShortcut() {
        check(2, 32, 64, 8, 1, 2, 0);
    }

    private static void check(int n, int in, int out, int size, int k, int stride, int pad) {
        Random random = new Random(n * 1000L + in + out + k);
        int outSize = (size + 2 * pad - k) / stride + 1;
        float[] x = gaussian(random, n * in * size * size, 1);
        float[] w = gaussian(random, out * in * k * k, 0.3f);
        float[] dy = gaussian(random, n * out * outSize * outSize, 1);
        double[] y = new double[dy.length];
        double[] dx = new double[x.length];
        double[] dw = new double[w.length];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < outSize; i++) {
                    for (int j = 0; j < outSize; j++) {
                        int yi = ((b * out + o) * outSize + i) * outSize + j;
                        for (int c = 0; c < in; c++) {
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int r = i * stride - pad + u;
                                    int s = j * stride - pad + v;
                                    if (r < 0 || s < 0 || r >= size || s >= size) {
                                        continue;
                                    }
                                    int xi = ((b * in + c) * size + r) * size + s;
                                    int wi = ((o * in + c) * k + u) * k + v;
                                    y[yi] += (double) w[wi] * x[xi];
                                    dx[xi] += (double) w[wi] * dy[yi];
                                    dw[wi] += (double) x[xi] * dy[yi];
                                }
                            }
                        }
                    }
                }
            }
        }
        try (NDManager m = session.manager().newSubManager()) {
            NDArray xs = m.create(x, new Shape(n, in, size, size));
            NDArray ws = m.create(w, new Shape(out, in, k, k));
            NDArray dys = m.create(dy, new Shape(n, out, outSize, outSize));
            xs.setRequiresGradient(true);
            ws.setRequiresGradient(true);
            float[] ys;
            try (GradientCollector collector = session.engine().newGradientCollector()) {
                LayerOp conv = new LayerOp.Conv(0, -1, new Shape(stride, stride), new Shape(pad, pad));
                NDArray result = conv.apply(xs, new LayerOp.Forward(new NDArray[] {ws}, true, new NDArray[0], new NDArray[0]));
                ys = result.toFloatArray();
                collector.backward(result.mul(dys).sum());
            }
            String shape = n + "x" + in + "x" + size + "x" + size + " * " + out + "x" + in + "x" + k + "x" + k + " stride " + stride;
            assertSmall(relative(ys, y), "forward of " + shape);
            assertSmall(relative(xs.getGradient().toFloatArray(), dx), "input gradient of " + shape);
            assertSmall(relative(ws.getGradient().toFloatArray(), dw), "weight gradient of " + shape);
        }
    }

    private static void assertSmall(double error, String what) {
        assertTrue(error < 1e-5, what + ": relative L2 error " + error);
    }

    private static float[] gaussian(Random random, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian() * scale;
        }
        return v;
    }

    private static double relative(float[] actual, double[] expected) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < actual.length; i++) {
            diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        return Math.sqrt(diff / norm);
    }
}
