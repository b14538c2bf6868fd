package vsam.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vsam.api.config.ConfigException;
import vsam.api.config.Json;

/**
 * A network described in JSON, in the layer vocabulary every backend implements (docs/ARCHITECTURE.md,
 * "Model files"). The built-in models are such files ({@code mlp.json}, {@code cnn-s.json},
 * {@code resnet18.json} beside this class); {@code vsam models show <id>} prints one, and
 * {@code --model my-net.json} trains a file of one's own.
 *
 * <pre>
 * {"format": "vsam-model/1",
 *  "init": "pytorch",
 *  "layers": [
 *    {"type": "conv2d", "out": 16, "kernel": 3, "stride": 1, "padding": 1, "bias": false},
 *    {"type": "batchnorm"}, {"type": "relu"}, {"type": "maxpool", "size": 2}, {"type": "avgpool", "size": 2},
 *    {"type": "residual", "main": [...], "shortcut": [...]},
 *    {"type": "globalavgpool"}, {"type": "flatten"},
 *    {"type": "linear", "out": "classes", "bias": true}]}
 * </pre>
 * A layer's input size ({@code "in"} of conv2d and linear, {@code "channels"} of batchnorm) may be given
 * or left out: it is the incoming shape's, and when given it must agree. {@code "out": "classes"} is the
 * data set's class count. Defaults: {@code stride} 1, {@code padding} 0, {@code bias} true. Every layer's
 * shape is checked from the input on; a problem names the source, the JSON path and what is wrong
 * ({@code my-net.json: layers[3].in: 16 given, but 32 channels come in}); {@code "source"}, which a run's
 * config.json adds, is the path the file was read from. The optional {@code "init"} names the
 * {@link InitScheme} the weights start from ({@code pytorch}, {@code he}, the names {@code --init} takes); a
 * file that names one fixes the run's init (docs/ARCHITECTURE.md, "Model files"), a file without one leaves
 * it to the run's {@code --init}, as the built-ins do.
 */
public final class ModelFile {

    /** The format tag a file carries. */
    public static final String FORMAT = "vsam-model/1";

    private static final Set<String> TOP = Set.of("format", "description", "source", "init", "quantize", "layers");

    private final String source;
    private final Map<?, ?> tree;
    private final String text;

    private ModelFile(String source, Map<?, ?> tree, String text) {
        this.source = source;
        this.tree = tree;
        this.text = text;
    }

    /**
     * Reads the JSON text of a model file (its structure only; shapes are checked by {@link #spec}).
     *
     * @param source what to call the file in messages (its path, or {@code cnn-s})
     * @throws ConfigException naming the source and the problem
     */
    public static ModelFile parse(String json, String source) {
        Object t;
        try {
            t = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("model", source + ": not JSON: " + e.getMessage());
        }
        ModelFile f = of(t, source);
        return new ModelFile(source, f.tree, json);
    }

    /**
     * Reads a model file from disk.
     *
     * @throws ConfigException naming the file when it cannot be read or is malformed
     */
    public static ModelFile read(java.nio.file.Path file) {
        try {
            return parse(java.nio.file.Files.readString(file), file.toString());
        } catch (java.io.IOException e) {
            throw new ConfigException("model", file + ": cannot read the model file (" + e.getMessage() + ")");
        }
    }

    /** The model's name from its file name: {@code nets/my-net.json} is {@code my-net}. */
    public static String nameOf(java.nio.file.Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }

    /** A model file from its JSON tree (as config.json holds it). */
    public static ModelFile of(Object tree, String source) {
        if (!(tree instanceof Map<?, ?> m)) {
            throw problem(source, "(root)", "a model file is a JSON object with \"layers\"");
        }
        for (Object key : m.keySet()) {
            if (!TOP.contains(key)) {
                throw problem(source, String.valueOf(key), "unknown field (known: format, description, source, init, layers)");
            }
        }
        if (m.containsKey("format") && !FORMAT.equals(m.get("format"))) {
            throw problem(source, "format", "\"" + m.get("format") + "\" is not " + FORMAT);
        }
        if (!(m.get("layers") instanceof List<?>)) {
            throw problem(source, "layers", "a list of layers is needed");
        }
        String named = m.get("source") instanceof String s ? s : source;
        if (m.containsKey("init")) {
            initScheme(m.get("init"), named);
        }
        if (m.containsKey("quantize")) {
            quantization(m.get("quantize"), named);
        }
        return new ModelFile(named, m, null);
    }

    /**
     * The LSQ quantization this file asks for ({@code "quantize": "w4a4"}, the texts {@code --quantize} takes), if
     * any: its network is then trained quantised, as {@code <name>+w4a4}.
     */
    public java.util.Optional<Quantization> quantization() {
        return tree.containsKey("quantize") ? java.util.Optional.of(quantization(tree.get("quantize"), source))
                : java.util.Optional.empty();
    }

    private static Quantization quantization(Object text, String source) {
        if (!(text instanceof String t)) {
            throw problem(source, "quantize", text + " is not a quantization such as \"w4a4\"");
        }
        try {
            return Quantization.parse(t.strip());
        } catch (IllegalArgumentException e) {
            throw problem(source, "quantize", "'" + t + "': " + e.getMessage());
        }
    }

    /** The init scheme this file names, if it names one (the run then starts from it, whatever its default). */
    public java.util.Optional<InitScheme> init() {
        return tree.containsKey("init") ? java.util.Optional.of(initScheme(tree.get("init"), source)) : java.util.Optional.empty();
    }

    /** {@code pytorch} or {@code he} (any case, as {@code --init} reads them) as the scheme. */
    private static InitScheme initScheme(Object name, String source) {
        if (name instanceof String text) {
            for (InitScheme scheme : InitScheme.values()) {
                if (scheme.name().equalsIgnoreCase(text.strip())) {
                    return scheme;
                }
            }
        }
        throw problem(source, "init", (name instanceof String ? "unknown init scheme '" + name + "'" : name + " is not a scheme's name")
                + " (known: " + String.join(", ", java.util.Arrays.stream(InitScheme.values())
                        .map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList()) + ")");
    }

    /** This file's tree with {@code "source"}: the path it was read from, kept so later messages name it. */
    public Map<String, Object> treeWithSource() {
        Map<String, Object> t = new java.util.LinkedHashMap<>();
        tree.forEach((k, v) -> t.put(String.valueOf(k), v));
        t.put("source", source);
        return t;
    }

    /** The file's JSON tree. */
    public Map<?, ?> tree() {
        return tree;
    }

    /** The file's text: as it was read, or else its tree as JSON. */
    public String json() {
        return text != null ? text : Json.writePretty(tree);
    }

    /** What the file is called in messages. */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelFile f && f.tree.equals(tree);
    }

    @Override
    public int hashCode() {
        return tree.hashCode();
    }

    /**
     * The network for inputs of shape {@code input} and {@code classes} classes, every layer's shape checked.
     *
     * @throws ConfigException naming the source, the JSON path and the problem
     */
    public ModelSpec spec(String id, Shape input, int classes) {
        List<Layer> layers = layers((List<?>) tree.get("layers"), "layers", input, classes);
        if (layers.isEmpty()) {
            throw problem(source, "layers", "a model needs at least one layer");
        }
        Shape out = Shape.through(layers, input);
        if (out.elements() != classes || out.height() != 1 || out.width() != 1) {
            throw problem(source, "layers", "the network ends with " + out + ", not the " + classes + " class scores");
        }
        return new ModelSpec(id, input, classes, layers);
    }

    private List<Layer> layers(List<?> list, String path, Shape input, int classes) {
        List<Layer> out = new ArrayList<>();
        Shape shape = input;
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw problem(source, at, "a layer is a JSON object with a \"type\"");
            }
            for (Layer layer : expand(m, at, shape, classes)) {
                Shape next;
                try {
                    next = layer.outputShape(shape);
                } catch (IllegalArgumentException e) {
                    throw problem(source, at, e.getMessage().startsWith("shape dimensions must be positive")
                            ? "the shape goes to zero (" + shape + " comes in)" : e.getMessage());
                }
                out.add(layer);
                shape = next;
            }
        }
        return out;
    }

    /**
     * The layers one entry stands for: itself, or for the two composite entries the layers they are made of.
     * {@code patchembed} ({@code out} = width D, {@code patch} p) is a {@code conv2d} with kernel = stride = p
     * and bias, then {@code tokens}. {@code transformer} ({@code heads}, {@code mlp}; width from the tokens coming
     * in) is the pre-norm block {@code x + attention(layernorm(x))}, then {@code x + linear(gelu(linear(layernorm(x))))}.
     */
    private List<Layer> expand(Map<?, ?> m, String at, Shape in, int classes) {
        Object type = m.get("type");
        Fields f = new Fields(m, at);
        if ("patchembed".equals(type)) {
            f.only("type", "in", "out", "patch");
            int patch = f.positive("patch");
            return List.of(new Layer.Conv2d(f.matching("in", in.channels(), "channels come in"), f.positive("out"), patch, patch,
                    0, true), new Layer.Tokens());
        }
        if ("transformer".equals(type)) {
            f.only("type", "width", "heads", "mlp");
            if (in.width() != 1) {
                throw problem(source, at, "a transformer block needs a token sequence, but " + in + " comes in (put patchembed first)");
            }
            int d = f.matching("width", in.height(), "wide tokens come in");
            int heads = f.positive("heads");
            if (d % heads != 0) {
                throw problem(source, at + ".heads", "width " + d + " does not split into " + heads + " heads");
            }
            int hidden = f.positive("mlp");
            return List.of(
                    new Layer.Residual(List.of(new Layer.LayerNorm(d), new Layer.SelfAttention(d, heads)), List.of()),
                    new Layer.Residual(List.of(new Layer.LayerNorm(d), new Layer.Linear(d, hidden, true), new Layer.Gelu(),
                            new Layer.Linear(hidden, d, true)), List.of()));
        }
        return List.of(layer(m, at, in, classes));
    }

    private Layer layer(Map<?, ?> m, String at, Shape in, int classes) {
        Object type = m.get("type");
        if (!(type instanceof String t)) {
            throw problem(source, at + ".type", "every layer names its type");
        }
        Fields f = new Fields(m, at);
        return switch (t) {
            case "conv2d" -> {
                f.only("type", "in", "out", "kernel", "stride", "padding", "bias");
                int inChannels = f.matching("in", in.channels(), "channels come in");
                yield new Layer.Conv2d(inChannels, f.size("out", classes), f.positive("kernel"), f.positiveOr("stride", 1),
                        f.nonNegativeOr("padding", 0), f.bool("bias", true));
            }
            case "batchnorm" -> {
                f.only("type", "channels");
                yield new Layer.BatchNorm2d(f.matching("channels", in.channels(), "channels come in"));
            }
            case "relu" -> {
                f.only("type");
                yield new Layer.Relu();
            }
            case "maxpool" -> {
                f.only("type", "size");
                yield new Layer.MaxPool2d(f.positive("size"));
            }
            case "avgpool" -> {
                f.only("type", "size");
                yield new Layer.AvgPool2d(f.positive("size"));
            }
            case "globalavgpool" -> {
                f.only("type");
                yield new Layer.GlobalAvgPool();
            }
            case "flatten" -> {
                f.only("type");
                yield new Layer.Flatten();
            }
            case "linear" -> {
                f.only("type", "in", "out", "bias");
                // on a token sequence (T, D, 1), T > 1 and D > 1, a linear layer acts on each token
                boolean tokens = in.width() == 1 && in.height() > 1 && in.channels() > 1;
                int inFeatures = tokens ? f.matching("in", in.height(), "values per token come in")
                        : f.matching("in", (int) in.elements(), "features come in");
                yield new Layer.Linear(inFeatures, f.size("out", classes), f.bool("bias", true));
            }
            case "tokens" -> {
                f.only("type");
                yield new Layer.Tokens();
            }
            case "classtoken" -> {
                f.only("type");
                yield new Layer.ClassToken(in.height());
            }
            case "posembed" -> {
                f.only("type");
                yield new Layer.PositionEmbedding(in.channels(), in.height());
            }
            case "layernorm" -> {
                f.only("type", "width");
                yield new Layer.LayerNorm(f.matching("width", in.width() == 1 && in.height() > 1 ? in.height() : (int) in.elements(),
                        "values per token come in"));
            }
            case "attention" -> {
                f.only("type", "heads");
                int heads = f.positive("heads");
                if (in.height() % heads != 0) {
                    throw problem(source, at + ".heads", "width " + in.height() + " does not split into " + heads + " heads");
                }
                yield new Layer.SelfAttention(in.height(), heads);
            }
            case "gelu" -> {
                f.only("type");
                yield new Layer.Gelu();
            }
            case "meanpool" -> {
                f.only("type");
                yield new Layer.TokenMeanPool();
            }
            case "clspool" -> {
                f.only("type");
                yield new Layer.ClassTokenPool();
            }
            case "residual" -> {
                f.only("type", "main", "shortcut");
                List<Layer> main = branch(m.get("main"), at + ".main", in, classes);
                List<Layer> shortcut = m.containsKey("shortcut") ? branch(m.get("shortcut"), at + ".shortcut", in, classes) : List.of();
                if (main.isEmpty()) {
                    throw problem(source, at + ".main", "a residual block needs a main branch");
                }
                Shape a = Shape.through(main, in);
                Shape b = Shape.through(shortcut, in);
                if (!a.equals(b)) {
                    throw problem(source, at, "the branches disagree: main gives " + a + ", shortcut " + b);
                }
                yield new Layer.Residual(main, shortcut);
            }
            default -> throw problem(source, at + ".type", "unknown layer '" + t
                    + "' (known: conv2d, batchnorm, relu, maxpool, avgpool, globalavgpool, flatten, linear, residual, "
                    + "patchembed, tokens, classtoken, posembed, layernorm, attention, gelu, transformer, meanpool, clspool)");
        };
    }

    private List<Layer> branch(Object v, String at, Shape in, int classes) {
        if (!(v instanceof List<?> list)) {
            throw problem(source, at, "a list of layers is needed");
        }
        return layers(list, at, in, classes);
    }

    /** Reads one layer's fields, naming its path in every message. */
    private final class Fields {
        private final Map<?, ?> m;
        private final String at;

        Fields(Map<?, ?> m, String at) {
            this.m = m;
            this.at = at;
        }

        void only(String... known) {
            for (Object k : m.keySet()) {
                if (!List.of(known).contains(k)) {
                    throw problem(source, at + "." + k, "unknown field (known: " + String.join(", ", known) + ")");
                }
            }
        }

        int integer(String key) {
            Object v = m.get(key);
            if (!(v instanceof Long l) || l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
                throw problem(source, at + "." + key, v == null ? "missing" : v + " is not a whole number");
            }
            return l.intValue();
        }

        int positive(String key) {
            int v = integer(key);
            if (v <= 0) {
                throw problem(source, at + "." + key, v + " must be positive");
            }
            return v;
        }

        int positiveOr(String key, int fallback) {
            return m.containsKey(key) ? positive(key) : fallback;
        }

        int nonNegativeOr(String key, int fallback) {
            if (!m.containsKey(key)) {
                return fallback;
            }
            int v = integer(key);
            if (v < 0) {
                throw problem(source, at + "." + key, v + " must be >= 0");
            }
            return v;
        }

        /** A size that may be {@code "classes"}. */
        int size(String key, int classes) {
            return "classes".equals(m.get(key)) ? classes : positive(key);
        }

        /** A size that must equal what comes in; left out, it is what comes in. */
        int matching(String key, int incoming, String what) {
            if (!m.containsKey(key)) {
                return incoming;
            }
            int v = positive(key);
            if (v != incoming) {
                throw problem(source, at + "." + key, v + " given, but " + incoming + " " + what);
            }
            return v;
        }

        boolean bool(String key, boolean fallback) {
            Object v = m.get(key);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof Boolean b)) {
                throw problem(source, at + "." + key, v + " is not true or false");
            }
            return b;
        }
    }

    private static ConfigException problem(String source, String path, String what) {
        return new ConfigException("model", source + ": " + path + ": " + what);
    }

    /** A built-in model file, read from this package's resources. */
    static ModelFile resource(String id) {
        try (var in = ModelFile.class.getResourceAsStream(id + ".json")) {
            if (in == null) {
                throw new IllegalStateException("the built-in model " + id + " has no " + id + ".json");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), id);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the built-in model " + id, e);
        }
    }
}
