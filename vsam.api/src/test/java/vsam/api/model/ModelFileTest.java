package vsam.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vsam.api.config.ConfigException;

/** A malformed model file is refused naming the file, the JSON path and the problem. */
class ModelFileTest {

    private static final Shape MNIST = new Shape(1, 28, 28);

    private static String problem(String layers) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ModelFile.parse("{\"layers\": [" + layers + "]}", "net.json").spec("net", MNIST, 10));
        assertEquals("model", e.field());
        return e.getMessage();
    }

    @Test
    void aValidFileWithEveryLayerKindBuildsItsSpec() {
        ModelSpec spec = ModelFile.parse("""
                {"format": "vsam-model/1", "layers": [
                  {"type": "conv2d", "out": 8, "kernel": 3, "padding": 1},
                  {"type": "batchnorm"}, {"type": "relu"}, {"type": "maxpool", "size": 2},
                  {"type": "residual", "main": [{"type": "conv2d", "in": 8, "out": 12, "kernel": 3, "stride": 2, "padding": 1},
                      {"type": "batchnorm", "channels": 12}],
                    "shortcut": [{"type": "conv2d", "out": 12, "kernel": 1, "stride": 2, "bias": false}]},
                  {"type": "relu"}, {"type": "avgpool", "size": 3}, {"type": "globalavgpool"}, {"type": "flatten"},
                  {"type": "linear", "in": 12, "out": "classes"}]}""", "net.json").spec("net", MNIST, 10);
        assertEquals(new Shape(10, 1, 1), Shape.through(spec.layers(), MNIST));
        assertEquals(new Layer.Conv2d(1, 8, 3, 1, 1, true), spec.layers().get(0));
        assertEquals(new Layer.AvgPool2d(3), spec.layers().get(6));
        assertEquals(new Shape(12, 2, 2), Shape.through(spec.layers().subList(0, 7), MNIST), "7x7 pooled by 3 is 2x2 (floor)");
    }

    @Test
    void averagePoolingFloorsTheSideLikeTorch() {
        // torch.nn.AvgPool2d(3) on 1x28x28 gives 1x9x9, on 1x2x2 nothing (an error)
        assertEquals(new Shape(1, 9, 9), new Layer.AvgPool2d(3).outputShape(MNIST));
        assertEquals(new Shape(4, 2, 3), new Layer.AvgPool2d(2).outputShape(new Shape(4, 5, 7)));
        assertThrows(IllegalArgumentException.class, () -> new Layer.AvgPool2d(0));
    }

    @Test
    void averagePoolingIsCheckedAsMaxPoolingIs() {
        assertEquals("net.json: layers[1]: the shape goes to zero (4x14x14 comes in)",
                problem("{\"type\": \"conv2d\", \"out\": 4, \"kernel\": 2, \"stride\": 2}, {\"type\": \"avgpool\", \"size\": 15}"));
        assertEquals("net.json: layers[0].size: missing", problem("{\"type\": \"avgpool\"}"));
        assertEquals("net.json: layers[0].size: 0 must be positive", problem("{\"type\": \"avgpool\", \"size\": 0}"));
        assertEquals("net.json: layers[0].stride: unknown field (known: type, size)",
                problem("{\"type\": \"avgpool\", \"size\": 2, \"stride\": 1}"));
        assertEquals("net.json: layers[0].main[1]: the shape goes to zero (2x1x1 comes in)",
                problem("{\"type\": \"residual\", \"main\": [{\"type\": \"conv2d\", \"out\": 2, \"kernel\": 28}, "
                        + "{\"type\": \"avgpool\", \"size\": 2}]}"));
    }

    @Test
    void theInitSchemeIsOptionalAndNamedAsInitIs() {
        String layers = "\"layers\": [{\"type\": \"flatten\"}, {\"type\": \"linear\", \"out\": \"classes\"}]";
        assertEquals(java.util.Optional.empty(), ModelFile.parse("{" + layers + "}", "net.json").init());
        assertEquals(java.util.Optional.of(InitScheme.HE), ModelFile.parse("{\"init\": \"he\", " + layers + "}", "net.json").init());
        assertEquals(java.util.Optional.of(InitScheme.PYTORCH),
                ModelFile.parse("{\"init\": \"PyTorch\", " + layers + "}", "net.json").init(), "any case, as --init reads it");
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> ModelFile.parse("{\"init\": \"xavier\", " + layers + "}", "net.json"));
        assertEquals("model", unknown.field());
        assertEquals("net.json: init: unknown init scheme 'xavier' (known: pytorch, he, trunc_normal)", unknown.getMessage());
        assertEquals("net.json: init: 3 is not a scheme's name (known: pytorch, he, trunc_normal)",
                assertThrows(ConfigException.class, () -> ModelFile.parse("{\"init\": 3, " + layers + "}", "net.json")).getMessage());
        assertEquals("config.json modelFile: init: unknown init scheme 'x' (known: pytorch, he, trunc_normal)",
                assertThrows(ConfigException.class, () -> ModelFile.of(java.util.Map.of("init", "x", "layers", java.util.List.of()),
                        "config.json modelFile")).getMessage(), "checked in a run's config.json too");
    }

    @Test
    void eachKindOfMistakeIsNamedWithItsPath() {
        assertEquals("net.json: layers[1].type: unknown layer 'dropout' (known: conv2d, batchnorm, relu, maxpool, avgpool, "
                + "globalavgpool, flatten, linear, residual, patchembed, tokens, classtoken, posembed, layernorm, attention, gelu, "
                + "transformer, meanpool, clspool)", problem("{\"type\": \"flatten\"}, {\"type\": \"dropout\"}"));
        assertEquals("net.json: layers[1].channels: 4 given, but 8 channels come in",
                problem("{\"type\": \"conv2d\", \"out\": 8, \"kernel\": 3}, {\"type\": \"batchnorm\", \"channels\": 4}"));
        assertEquals("net.json: layers[0]: the shape goes to zero (1x28x28 comes in)",
                problem("{\"type\": \"maxpool\", \"size\": 32}"));
        assertEquals("net.json: layers[0]: the branches disagree: main gives 4x28x28, shortcut 1x28x28",
                problem("{\"type\": \"residual\", \"main\": [{\"type\": \"conv2d\", \"out\": 4, \"kernel\": 1}]}"));
        assertEquals("net.json: layers[1].in: 100 given, but 784 features come in",
                problem("{\"type\": \"flatten\"}, {\"type\": \"linear\", \"in\": 100, \"out\": \"classes\"}"));
        assertEquals("net.json: layers: the network ends with 784x1x1, not the 10 class scores", problem("{\"type\": \"flatten\"}"));
        assertEquals("net.json: layers[0].kernel: missing", problem("{\"type\": \"conv2d\", \"out\": 4}"));
        assertEquals("net.json: layers[0].size: 2.5 is not a whole number", problem("{\"type\": \"maxpool\", \"size\": 2.5}"));
        assertEquals("net.json: layers[0].strid: unknown field (known: type, in, out, kernel, stride, padding, bias)",
                problem("{\"type\": \"conv2d\", \"out\": 4, \"kernel\": 1, \"strid\": 2}"));
    }

    @Test
    void transformerEntriesExpandAndTheirMistakesAreNamed() {
        ModelSpec spec = ModelFile.parse("""
                {"layers": [{"type": "patchembed", "out": 8, "patch": 2}, {"type": "classtoken"}, {"type": "posembed"},
                  {"type": "transformer", "heads": 2, "mlp": 16}, {"type": "layernorm"}, {"type": "clspool"},
                  {"type": "linear", "out": "classes"}]}""", "vit.json").spec("vit", new Shape(1, 4, 6), 3);
        assertEquals(java.util.List.of(new Layer.Conv2d(1, 8, 2, 2, 0, true), new Layer.Tokens(), new Layer.ClassToken(8),
                new Layer.PositionEmbedding(7, 8),
                new Layer.Residual(java.util.List.of(new Layer.LayerNorm(8), new Layer.SelfAttention(8, 2)), java.util.List.of()),
                new Layer.Residual(java.util.List.of(new Layer.LayerNorm(8), new Layer.Linear(8, 16, true), new Layer.Gelu(),
                        new Layer.Linear(16, 8, true)), java.util.List.of()),
                new Layer.LayerNorm(8), new Layer.ClassTokenPool(), new Layer.Linear(8, 3, true)), spec.layers(),
                "2x3 patches + a class token = 7 tokens of width 8");
        assertEquals("net.json: layers[1]: a transformer block needs a token sequence, but 8x26x26 comes in (put patchembed first)",
                problem("{\"type\": \"conv2d\", \"out\": 8, \"kernel\": 3}, {\"type\": \"transformer\", \"heads\": 2, \"mlp\": 4}"));
        assertEquals("net.json: layers[2].heads: width 6 does not split into 4 heads", problem(
                "{\"type\": \"patchembed\", \"out\": 6, \"patch\": 2}, {\"type\": \"posembed\"}, {\"type\": \"transformer\", \"heads\": 4, \"mlp\": 4}"));
    }
}
