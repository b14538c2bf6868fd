package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vsam.api.BackendException;
import vsam.api.model.Layer;
import vsam.api.model.ModelSpec;
import vsam.api.model.QuantizedLayer;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.Evaluation;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.NetworkState;
import vsam.api.network.Pass;
import vsam.api.vector.Vec;

/**
 * A {@link ModelSpec} compiled to a chain of CPU {@link Node}s over one flat native parameter vector.
 * Activations, their gradients and the im2col workspace are allocated for the largest batch seen and
 * reused by every later step; gradients are written straight into the caller's gradient vector.
 *
 * <p>Compilation inserts layout changes where a layer needs another {@link Node.Layout} (a batch
 * arrives as {@code NCHW}; convolutions, BatchNorm and pooling run channel-major, or blocked between oneDNN
 * convolutions; linear layers and the loss run example-major) and lets a ReLU work in place when nobody else
 * reads its input.
 *
 * <p>A quantised spec ({@link ModelSpec#quantizedLayers()}) gets LSQ fake quantization: an
 * {@link InputQuantizer} node in front of each quantised convolution and linear layer, and a
 * {@link WeightQuantizer} inside it; evaluation quantises the same way ("quantised evaluation").
 */
final class CpuNetwork implements Network {

    /**
     * System property: {@code false} compiles every convolution, BatchNorm and pooling layer channel-major even
     * where the blocked layout could be used (for comparisons; read when a network is built).
     */
    static final String BLOCKED_PROPERTY = "vsam.javacpp.blocked";

    private final ModelSpec spec;
    private final CpuVec params;
    private final Arena arena;
    private final NativeFloats running;
    private final Sequence body;
    private final SoftmaxCrossEntropy loss;
    private final Context context;
    private final int runningLength;
    private int capacity;
    private boolean closed;

    CpuNetwork(ModelSpec spec, CpuVec params, LossOptions lossOptions, Arena arena, Parallel parallel,
               Optional<Dnnl> dnnl) {
        this.spec = spec;
        this.params = params;
        this.arena = arena;
        Compiler compiler = new Compiler(spec.quantizedLayers(), dnnl);
        List<Node> nodes = new ArrayList<>(compiler.sequence(spec.layers(), spec.input(), Node.Layout.FLAT, false));
        Node last = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
        Shape outShape = Shape.through(spec.layers(), spec.input());
        if (last != null && last.outLayout != Node.Layout.FLAT) {
            nodes.add(new Relayout(outShape, new Shape(outShape.elements(), 1, 1), last.outLayout, Node.Layout.FLAT));
        }
        if (compiler.paramAt != spec.segments().totalLength()) {
            throw new IllegalStateException("compiled " + compiler.paramAt + " parameters, spec has "
                    + spec.segments().totalLength());
        }
        if (compiler.segment != spec.segments().count()) {
            throw new IllegalStateException("compiled " + compiler.segment + " parameter tensors, spec has "
                    + spec.segments().count());
        }
        this.body = new Sequence(nodes);
        this.runningLength = compiler.runningAt;
        this.running = arena.floats(Math.max(1, runningLength));
        resetRunning(compiler.batchNorms);
        this.loss = new SoftmaxCrossEntropy(spec.classes(), lossOptions.uniformEpsilon(spec.classes()));
        this.context = new Context(parallel, params.data(), running);
    }

    /**
     * Whether a network compiled now (with oneDNN where {@code oneDnn}) may keep activations in the blocked layout:
     * oneDNN and the SIMD lanes present, and {@value #BLOCKED_PROPERTY} not {@code false}.
     */
    static boolean blockedLayout(boolean oneDnn) {
        return oneDnn && BlockedLoops.usable() && !"false".equalsIgnoreCase(System.getProperty(BLOCKED_PROPERTY));
    }

    /** Each top-level node's kind and output layout, in order ({@code Conv:BLOCKED}, …), for tests and profiles. */
    List<String> layouts() {
        return body.nodes.stream().map(node -> node.getClass().getSimpleName() + ":" + node.outLayout).toList();
    }

    private void resetRunning(List<int[]> batchNorms) {
        FloatBuffer r = running.buffer();
        for (int[] bn : batchNorms) {
            for (int c = 0; c < bn[1]; c++) {
                r.put(bn[0] + c, 0f);
                r.put(bn[0] + bn[1] + c, 1f);
            }
        }
    }

    /**
     * Builds nodes from layers, tracking parameter and running-buffer offsets and segment indices in
     * spec order. A quantised convolution or linear layer becomes an {@link InputQuantizer} node followed
     * by the layer with a {@link WeightQuantizer}; its two step sizes follow its weight and bias.
     */
    private static final class Compiler {
        long paramAt;
        int runningAt;
        int segment;
        final List<int[]> batchNorms = new ArrayList<>();
        final Map<Integer, QuantizedLayer> quantized = new HashMap<>();
        final Optional<Dnnl> dnnl;
        /** Whether convolutions, BatchNorm and pooling may use the blocked layout (oneDNN and SIMD lanes present). */
        final boolean blocked;

        Compiler(List<QuantizedLayer> layers, Optional<Dnnl> dnnl) {
            this.dnnl = dnnl;
            this.blocked = blockedLayout(dnnl.isPresent());
            for (QuantizedLayer q : layers) {
                quantized.put(q.weightSegment(), q);
            }
        }

        /**
         * For a conv/linear layer whose weight starts at {@code paramAt} and has {@code weights} elements
         * (plus {@code bias} bias elements): adds the input quantizer node when the layer is quantised, and
         * returns its weight quantizer; advances the offsets past weight, bias and step sizes.
         */
        private Optional<Quantizers> weightLayer(List<Node> nodes, Shape shape, Node.Layout at, long weights, long bias) {
            long weightOffset = paramAt;
            QuantizedLayer q = quantized.get(segment);
            segment += bias > 0 ? 2 : 1;
            paramAt += weights + bias;
            if (q == null) {
                return Optional.empty();
            }
            long stepSizeOffset = paramAt;
            segment += 2;
            paramAt += 2;
            InputQuantizer input = new InputQuantizer(q, shape, at, stepSizeOffset + 1);
            nodes.add(input);
            return Optional.of(new Quantizers(new WeightQuantizer(q, weightOffset, stepSizeOffset), input));
        }

        /** The two quantizers of one LSQ-quantised layer. */
        private record Quantizers(WeightQuantizer weights, InputQuantizer inputs) {
        }

        List<Node> sequence(List<Layer> layers, Shape input, Node.Layout layout, boolean branch) {
            List<Node> nodes = new ArrayList<>();
            Shape shape = input;
            Node.Layout at = layout;
            boolean owned = false;
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                Node node;
                if (layer instanceof Layer.Relu) {
                    boolean inPlace = owned && (!branch || owningLayerAfter(layers, i));
                    node = new Relu(shape, at, inPlace);
                } else if (layer instanceof Layer.Flatten) {
                    node = new Relayout(shape, new Shape(shape.elements(), 1, 1), at, Node.Layout.FLAT);
                } else if (layer instanceof Layer.Linear l) {
                    if (at != Node.Layout.FLAT) {
                        // a flat input is flattened; a token sequence keeps its shape, tokens being rows
                        Shape flatShape = l.rows(shape) == 1 ? new Shape(shape.elements(), 1, 1) : shape;
                        Node flat = new Relayout(shape, flatShape, at, Node.Layout.FLAT);
                        nodes.add(flat);
                        shape = flat.out;
                        at = Node.Layout.FLAT;
                    }
                    long weightOffset = paramAt;
                    Optional<Quantizers> q = weightLayer(nodes, shape, at, (long) l.in() * l.out(), l.bias() ? l.out() : 0);
                    node = new Linear(l, shape, weightOffset, q.map(Quantizers::weights), q.map(Quantizers::inputs));
                } else if (layer instanceof Layer.Tokens) {
                    node = new TokenLayout(shape, at);
                } else if (layer instanceof Layer.Gelu) {
                    node = new Gelu(shape, at);
                } else if (isTokenLayer(layer)) {
                    // the transformer layers work on FLAT rows (docs/ARCHITECTURE.md, "Models")
                    if (at != Node.Layout.FLAT) {
                        Node flat = new Relayout(shape, shape, at, Node.Layout.FLAT);
                        nodes.add(flat);
                        at = Node.Layout.FLAT;
                    }
                    node = tokenLayer(layer, shape);
                } else if (layer instanceof Layer.Residual r) {
                    List<Node> main = sequence(r.main(), shape, at, true);
                    List<Node> shortcut = new ArrayList<>(sequence(r.shortcut(), shape, at, true));
                    Node.Layout mainOut = main.isEmpty() ? at : main.get(main.size() - 1).outLayout;
                    Node.Layout shortOut = shortcut.isEmpty() ? at : shortcut.get(shortcut.size() - 1).outLayout;
                    Shape out = layer.outputShape(shape);
                    if (shortOut != mainOut) {
                        shortcut.add(new Relayout(out, out, shortOut, mainOut));
                    }
                    node = new Residual(shape, out, mainOut, new Sequence(main), new Sequence(shortcut));
                } else if (blockedInput(layer, shape, at)) {
                    // a oneDNN convolution, BatchNorm or 2×2 max pooling that reads (and writes) the blocked layout
                    if (layer instanceof Layer.Conv2d c) {
                        if (at == Node.Layout.FLAT) {
                            nodes.add(new Relayout(shape, shape, at, Node.Layout.CHANNELS)); // the same memory for one channel
                            at = Node.Layout.CHANNELS;
                        }
                        long weightOffset = paramAt;
                        weightLayer(nodes, shape, at, (long) c.outChannels() * c.inChannels() * c.kernel() * c.kernel(), 0);
                        node = new Conv(c, shape, at, weightOffset, dnnl.orElseThrow());
                    } else if (layer instanceof Layer.BatchNorm2d b) {
                        boolean relu = i + 1 < layers.size() && layers.get(i + 1) instanceof Layer.Relu;
                        node = batchNorm(b, shape, relu, Node.Layout.BLOCKED);
                        if (relu) {
                            i++;
                        }
                    } else {
                        node = new MaxPool((Layer.MaxPool2d) layer, shape, Node.Layout.BLOCKED);
                    }
                } else {
                    if (at != Node.Layout.CHANNELS) {
                        Node chan = new Relayout(shape, shape, at, Node.Layout.CHANNELS);
                        nodes.add(chan);
                        owned = chan.ownsOutput();
                        at = Node.Layout.CHANNELS;
                    }
                    if (layer instanceof Layer.Conv2d c) {
                        long weightOffset = paramAt;
                        Optional<Quantizers> q = weightLayer(nodes, shape, at,
                                (long) c.outChannels() * c.inChannels() * c.kernel() * c.kernel(), c.bias() ? c.outChannels() : 0);
                        node = new Conv(c, shape, weightOffset, q.map(Quantizers::weights), q.map(Quantizers::inputs), dnnl);
                    } else if (layer instanceof Layer.BatchNorm2d b) {
                        // a ReLU right after is fused into the BatchNorm node (one pass fewer each way)
                        boolean relu = i + 1 < layers.size() && layers.get(i + 1) instanceof Layer.Relu;
                        node = batchNorm(b, shape, relu, Node.Layout.CHANNELS);
                        if (relu) {
                            i++;
                        }
                    } else if (layer instanceof Layer.MaxPool2d m) {
                        node = new MaxPool(m, shape, Node.Layout.CHANNELS);
                    } else if (layer instanceof Layer.AvgPool2d a) {
                        node = new AvgPool(a, shape);
                    } else if (layer instanceof Layer.GlobalAvgPool) {
                        node = new GlobalAvgPool(shape);
                    } else {
                        throw new BackendException("javacpp cpu: unsupported layer " + layer);
                    }
                }
                nodes.add(node);
                shape = node.out;
                at = node.outLayout;
                owned = node.ownsOutput() || (node instanceof Relu && owned);
            }
            return nodes;
        }

        /** A BatchNorm node at the current offsets (a ReLU after it fused when {@code relu}), advancing them. */
        private Node batchNorm(Layer.BatchNorm2d b, Shape shape, boolean relu, Node.Layout layout) {
            Node node = new BatchNorm(b, shape, paramAt, runningAt, relu, layout);
            batchNorms.add(new int[] {runningAt, b.channels()});
            paramAt += 2L * b.channels();
            segment += 2;
            runningAt += 2 * b.channels();
            return node;
        }

        /**
         * Whether {@code layer} on an input in layout {@code at} runs in the blocked layout: a full-precision
         * convolution without bias and with a multiple of 16 output channels, on oneDNN (its input blocked or
         * channel-major); BatchNorm and 2×2 max pooling on a blocked input.
         */
        private boolean blockedInput(Layer layer, Shape shape, Node.Layout at) {
            if (!blocked) {
                return false;
            }
            if (layer instanceof Layer.Conv2d c) {
                return !quantized.containsKey(segment) && Conv.blockable(c);
            }
            if (at != Node.Layout.BLOCKED) {
                return false;
            }
            return layer instanceof Layer.BatchNorm2d || layer instanceof Layer.MaxPool2d m && MaxPool.blockable(m);
        }

        private static boolean isTokenLayer(Layer layer) {
            return layer instanceof Layer.ClassToken || layer instanceof Layer.PositionEmbedding
                    || layer instanceof Layer.LayerNorm || layer instanceof Layer.SelfAttention
                    || layer instanceof Layer.TokenMeanPool || layer instanceof Layer.ClassTokenPool;
        }

        /** A transformer layer's node on {@code FLAT} input of {@code shape}, advancing the parameter offsets. */
        private Node tokenLayer(Layer layer, Shape shape) {
            long offset = paramAt;
            if (layer instanceof Layer.ClassToken t) {
                paramAt += t.width();
                segment += 1;
                return new ClassToken(shape, offset);
            } else if (layer instanceof Layer.PositionEmbedding e) {
                paramAt += (long) e.tokens() * e.width();
                segment += 1;
                return new PositionEmbedding(shape, offset);
            } else if (layer instanceof Layer.LayerNorm n) {
                paramAt += 2L * n.width();
                segment += 2;
                return new LayerNorm(n, shape, offset);
            } else if (layer instanceof Layer.SelfAttention a) {
                paramAt += vsam.backend.javacpp.AttentionLayout.parameters(a.width());
                segment += 4;
                return new SelfAttention(a, shape, offset);
            }
            return new TokenPool(shape, layer instanceof Layer.TokenMeanPool);
        }

        private static boolean owningLayerAfter(List<Layer> layers, int i) {
            for (int j = i + 1; j < layers.size(); j++) {
                if (!(layers.get(j) instanceof Layer.Relu || layers.get(j) instanceof Layer.Flatten)) {
                    return true;
                }
            }
            return false;
        }
    }

    void markClosed() {
        if (!closed) {
            body.release(arena);
            loss.release(arena);
        }
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new BackendException("the javacpp session of this network is closed");
        }
    }

    private void reserve(int n) {
        if (n <= capacity) {
            return;
        }
        body.release(arena);
        loss.release(arena);
        for (NativeFloats f : context.workspace) {
            arena.free(f);
        }
        for (NativeFloats f : context.partial) {
            arena.free(f);
        }
        body.reserve(n, arena);
        loss.reserve(n, arena);
        int parts = context.parallel.threads();
        long ws = body.workspace((n + parts - 1) / parts);
        context.workspace = new NativeFloats[parts];
        for (int p = 0; p < parts; p++) {
            context.workspace[p] = ws > 0 ? arena.floats(ws) : null;
        }
        long weights = body.weights();
        context.partial = new NativeFloats[parts - 1];
        for (int p = 0; p < parts - 1; p++) {
            context.partial[p] = weights > 0 ? arena.floats(weights) : null;
        }
        capacity = n;
    }

    private CpuBatch batch(DeviceBatch batch) {
        if (!(batch instanceof CpuBatch b)) {
            throw new BackendException("javacpp cpu: not a batch of this backend: " + batch.getClass().getName());
        }
        if (!b.shape.equals(spec.input())) {
            throw new BackendException("batch examples are " + b.shape + ", model " + spec.id() + " expects " + spec.input());
        }
        return b;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Vec params() {
        return params;
    }

    @Override
    public double lossAndGradient(DeviceBatch deviceBatch, Pass pass, Vec gradOut) {
        ensureOpen();
        CpuBatch b = batch(deviceBatch);
        if (!(gradOut instanceof CpuVec g) || g.length() != params.length()) {
            throw new BackendException("javacpp cpu: gradient must be a vector of this session shaped like the network");
        }
        reserve(b.size);
        context.n = b.size;
        context.mode = pass == Pass.CLEAN ? Context.Mode.TRAIN : Context.Mode.TRAIN_FROZEN;
        context.gradient(g.data());
        NativeFloats logits = body.forward(context, b.features);
        long start = Blas.PROFILE ? System.nanoTime() : 0;
        double value = loss.lossAndGradient(logits, b.labels, b.size);
        if (Blas.PROFILE) {
            Profile.add("SoftmaxCrossEntropy", System.nanoTime() - start);
            Profile.countPass();
        }
        body.backward(context, loss.gradient(), false);
        return value;
    }

    @Override
    public Evaluation evaluate(DeviceBatch deviceBatch) {
        CpuBatch b = batch(deviceBatch);
        double[] r = SoftmaxCrossEntropy.evaluate(inferenceLogits(b), b.labels, b.size, spec.classes());
        return new Evaluation(r[0], (long) r[1], b.size);
    }

    @Override
    public float[] logits(DeviceBatch deviceBatch) {
        CpuBatch b = batch(deviceBatch);
        float[] out = new float[b.size * spec.classes()];
        inferenceLogits(b).buffer().get(0, out);
        return out;
    }

    /** The forward pass in inference mode: the class scores, {@code size × classes}, in the network's arena. */
    private NativeFloats inferenceLogits(CpuBatch b) {
        ensureOpen();
        reserve(b.size);
        context.n = b.size;
        context.mode = Context.Mode.EVAL;
        return body.forward(context, b.features);
    }

    @Override
    public NetworkState exportState() {
        ensureOpen();
        float[] buffers = new float[runningLength];
        running.buffer().get(0, buffers);
        return new NetworkState(params.read(), buffers);
    }

    @Override
    public void importState(NetworkState state) {
        ensureOpen();
        float[] buffers = state.buffers();
        if (buffers.length != runningLength) {
            throw new BackendException("state has " + buffers.length + " buffer values, model " + spec.id()
                    + " needs " + runningLength);
        }
        params.write(state.parameters());
        running.buffer().put(0, buffers);
    }
}
