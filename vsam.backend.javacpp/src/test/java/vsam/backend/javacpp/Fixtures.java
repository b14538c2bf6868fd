package vsam.backend.javacpp;

import java.util.Random;
import java.util.function.Supplier;
import vsam.api.model.ModelFile;
import vsam.api.model.ModelSpec;
import vsam.api.model.Shape;
import vsam.api.network.HostBatch;

/** Seeded random data for the tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** {@code body}'s result with system property {@code name} set to {@code value}, the property restored after. */
    public static <T> T withProperty(String name, String value, Supplier<T> body) {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }

    /** A batch of {@code n} standard-normal examples of {@code shape} with uniform labels. */
    public static HostBatch batch(int n, Shape shape, int classes, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * shape.elements()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return new HostBatch(x, y, n, shape);
    }

    /**
     * A model file (not a built-in) with every layer kind the model-file format has (docs/ARCHITECTURE.md,
     * "Model files"), on 3×19×19 inputs and 5 classes: odd sides make both poolings drop a row and a column
     * ({@code avgpool} 19 → 9, {@code maxpool} 5 → 2), so the gradient of what no window reads is checked too.
     */
    public static ModelSpec everyLayerKind() {
        return ModelFile.parse("""
                {"layers": [
                  {"type": "conv2d", "out": 6, "kernel": 3, "padding": 1},
                  {"type": "batchnorm"}, {"type": "relu"}, {"type": "avgpool", "size": 2},
                  {"type": "residual", "main": [{"type": "conv2d", "out": 8, "kernel": 3, "stride": 2, "padding": 1, "bias": false},
                      {"type": "batchnorm"}, {"type": "relu"}, {"type": "conv2d", "out": 8, "kernel": 3, "padding": 1}],
                    "shortcut": [{"type": "conv2d", "out": 8, "kernel": 1, "stride": 2, "bias": false}, {"type": "batchnorm"}]},
                  {"type": "relu"}, {"type": "maxpool", "size": 2},
                  {"type": "residual", "main": [{"type": "conv2d", "out": 8, "kernel": 3, "padding": 1}]},
                  {"type": "globalavgpool"}, {"type": "flatten"},
                  {"type": "linear", "out": 12}, {"type": "relu"}, {"type": "linear", "out": "classes"}]}""",
                "every-layer.json").spec("every-layer", new Shape(3, 19, 19), 5);
    }

    /**
     * A small vision transformer with a class token (docs/ARCHITECTURE.md, "Transformer layers"): 4×4 patches of
     * 2×8×12 inputs (6 tokens of width 8, then 7 with the class token), a position embedding, one pre-norm block
     * of 2 heads and MLP 16, a final LayerNorm, class-token pooling and the class scores (3).
     */
    public static ModelSpec classTokenTransformer() {
        return ModelFile.parse("""
                {"layers": [
                  {"type": "patchembed", "out": 8, "patch": 4}, {"type": "classtoken"}, {"type": "posembed"},
                  {"type": "transformer", "heads": 2, "mlp": 16}, {"type": "layernorm"}, {"type": "clspool"},
                  {"type": "linear", "out": "classes"}]}""", "cls-vit.json").spec("cls-vit", new Shape(2, 8, 12), 3);
    }

    /**
     * A vision transformer that pools by the token mean: 2×2 patches of 3×6×6 inputs (9 tokens of width 16), a
     * position embedding, two blocks of 4 heads and MLP 24, mean pooling, a LayerNorm on the pooled vector, a
     * hidden linear layer with GELU, the class scores (4).
     */
    public static ModelSpec meanPoolTransformer() {
        return ModelFile.parse("""
                {"layers": [
                  {"type": "patchembed", "out": 16, "patch": 2}, {"type": "posembed"},
                  {"type": "transformer", "heads": 4, "mlp": 24}, {"type": "transformer", "heads": 4, "mlp": 24},
                  {"type": "meanpool"}, {"type": "layernorm"}, {"type": "linear", "out": 10}, {"type": "gelu"},
                  {"type": "linear", "out": "classes"}]}""", "mean-vit.json").spec("mean-vit", new Shape(3, 6, 6), 4);
    }

    /** Uniform random values in [-1, 1). */
    public static float[] uniform(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }

    /** {@code ‖a − b‖ / max(‖b‖, tiny)} in double. */
    public static double relativeL2(float[] a, float[] b, int from, int to) {
        double num = 0;
        double den = 0;
        for (int i = from; i < to; i++) {
            double d = (double) a[i] - b[i];
            num += d * d;
            den += (double) b[i] * b[i];
        }
        return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-30);
    }
}
