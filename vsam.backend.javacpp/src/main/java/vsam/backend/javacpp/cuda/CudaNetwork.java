package vsam.backend.javacpp.cuda;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.FloatPointer;
import vsam.api.BackendException;
import vsam.api.model.Layer;
import vsam.api.model.ModelSpec;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.Evaluation;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.NetworkState;
import vsam.api.network.Pass;
import vsam.api.vector.Vec;

/**
 * A {@link ModelSpec} compiled to a chain of CUDA {@link Node}s over one flat device parameter buffer;
 * gradients are written straight into the caller's flat gradient vector (segments by offset). The
 * BatchNorm running buffers (per layer in spec order: mean then variance) are one more flat device
 * buffer, with a scratch buffer that takes cuDNN's running-statistics update in a PERTURBED pass.
 * Activations, their gradients and the loss buffers are allocated for the largest batch seen and reused
 * by every later step.
 *
 * <p>One training pass queues forward, loss and backward on the session's stream and waits only for the
 * loss scalar (an 8-byte copy): no other host round trip. {@link #evaluate} runs in inference mode
 * (running statistics).
 */
final class CudaNetwork implements Network {

    private final ModelSpec spec;
    private final Gpu gpu;
    private final CudaVec params;
    private final Sequence body;
    private final SoftmaxCrossEntropy loss;
    private final DeviceFloats running;
    private final int runningLength;
    private final PassContext context;
    private int capacity;
    private boolean closed;

    CudaNetwork(Gpu gpu, ModelSpec spec, CudaVec params, LossOptions lossOptions) {
        this.gpu = gpu;
        this.spec = spec;
        this.params = params;
        Compiler compiler = new Compiler(gpu);
        this.body = new Sequence(compiler.sequence(spec.layers(), spec.input()));
        if (compiler.paramAt != spec.segments().totalLength()) {
            throw new IllegalStateException("compiled " + compiler.paramAt + " parameters, spec has "
                    + spec.segments().totalLength());
        }
        runningLength = Math.toIntExact(compiler.runningAt);
        running = gpu.memory.floats(Math.max(1, runningLength));
        DeviceFloats scratch = gpu.memory.floats(Math.max(2, 2L * compiler.maxChannels));
        float[] initial = new float[runningLength];
        for (long[] bn : compiler.batchNorms) {
            for (int c = 0; c < bn[1]; c++) {
                initial[(int) (bn[0] + bn[1] + c)] = 1f;
            }
        }
        writeRunning(initial);
        loss = new SoftmaxCrossEntropy(gpu, spec.classes(), lossOptions.uniformEpsilon(spec.classes()));
        context = new PassContext(gpu, params.data(), running, scratch, new Workspace(gpu.memory));
    }

    /** Builds nodes from layers, tracking parameter and running-buffer offsets in spec order. */
    private static final class Compiler {
        final Gpu gpu;
        long paramAt;
        long runningAt;
        int maxChannels;
        final List<long[]> batchNorms = new ArrayList<>();

        Compiler(Gpu gpu) {
            this.gpu = gpu;
        }

        List<Node> sequence(List<Layer> layers, Shape input) {
            List<Node> nodes = new ArrayList<>();
            Shape shape = input;
            for (Layer layer : layers) {
                Node node;
                if (layer instanceof Layer.Flatten) {
                    // NCHW flattened is [N][C·H·W]: nothing to do
                    shape = layer.outputShape(shape);
                    continue;
                } else if (layer instanceof Layer.Relu) {
                    node = new Relu(gpu, shape);
                } else if (layer instanceof Layer.Linear l) {
                    // a flat input as (in, 1, 1); a token sequence keeps its shape, tokens being rows
                    node = new Linear(gpu, l, l.rows(shape) == 1 ? new Shape(shape.elements(), 1, 1) : shape, paramAt);
                    paramAt += (long) l.in() * l.out() + (l.bias() ? l.out() : 0);
                } else if (layer instanceof Layer.Conv2d c) {
                    node = new Conv(gpu, c, shape, paramAt);
                    paramAt += (long) c.outChannels() * c.inChannels() * c.kernel() * c.kernel()
                            + (c.bias() ? c.outChannels() : 0);
                } else if (layer instanceof Layer.BatchNorm2d b) {
                    node = new BatchNorm(gpu, b, shape, paramAt, runningAt);
                    batchNorms.add(new long[] {runningAt, b.channels()});
                    maxChannels = Math.max(maxChannels, b.channels());
                    paramAt += 2L * b.channels();
                    runningAt += 2L * b.channels();
                } else if (layer instanceof Layer.MaxPool2d m) {
                    node = Pool.max(gpu, m, shape);
                } else if (layer instanceof Layer.AvgPool2d a) {
                    node = Pool.average(gpu, a, shape);
                } else if (layer instanceof Layer.GlobalAvgPool) {
                    node = Pool.globalAverage(gpu, shape);
                } else if (layer instanceof Layer.Tokens) {
                    node = new TokenLayers.Tokens(gpu, shape);
                } else if (layer instanceof Layer.ClassToken t) {
                    node = new TokenLayers.ClassToken(gpu, shape, paramAt);
                    paramAt += t.width();
                } else if (layer instanceof Layer.PositionEmbedding e) {
                    node = new TokenLayers.PositionEmbedding(gpu, shape, paramAt);
                    paramAt += (long) e.tokens() * e.width();
                } else if (layer instanceof Layer.LayerNorm ln) {
                    node = new LayerNorm(gpu, ln, shape, paramAt);
                    paramAt += 2L * ln.width();
                } else if (layer instanceof Layer.SelfAttention a) {
                    node = new SelfAttention(gpu, a, shape, paramAt);
                    paramAt += vsam.backend.javacpp.AttentionLayout.parameters(a.width());
                } else if (layer instanceof Layer.Gelu) {
                    node = new TokenLayers.Gelu(gpu, shape);
                } else if (layer instanceof Layer.TokenMeanPool || layer instanceof Layer.ClassTokenPool) {
                    node = new TokenLayers.Pool(gpu, shape, layer instanceof Layer.TokenMeanPool);
                } else if (layer instanceof Layer.Residual r) {
                    Sequence main = new Sequence(sequence(r.main(), shape));
                    Sequence shortcut = new Sequence(sequence(r.shortcut(), shape));
                    node = new Residual(gpu, shape, layer.outputShape(shape), main, shortcut);
                } else {
                    throw new BackendException("javacpp cuda: unsupported layer " + layer);
                }
                nodes.add(node);
                shape = node.out;
            }
            return nodes;
        }
    }

    void markClosed() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new BackendException("the javacpp cuda session of this network is closed");
        }
        gpu.enter();
    }

    private void reserve(int n) {
        if (n <= capacity) {
            return;
        }
        body.release(gpu.memory);
        loss.release(gpu.memory);
        body.reserve(n, gpu.memory);
        loss.reserve(n, gpu.memory);
        capacity = n;
    }

    private CudaBatch batch(DeviceBatch batch) {
        if (!(batch instanceof CudaBatch b) || b.isClosed()) {
            throw new BackendException("javacpp cuda: not an open batch of this backend: " + batch.getClass().getName());
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
        CudaBatch b = batch(deviceBatch);
        if (!(gradOut instanceof CudaVec g) || g.length() != params.length()) {
            throw new BackendException("javacpp cuda: gradient must be a vector of this session shaped like the network");
        }
        reserve(b.size);
        context.n = b.size;
        context.mode = pass == Pass.CLEAN ? PassContext.Mode.TRAIN : PassContext.Mode.TRAIN_FROZEN;
        context.grad = g.data();
        DeviceFloats logits = body.forward(context, b.featureFloats());
        loss.queueLoss(logits, b.labels(), b.size);
        body.backward(context, loss.gradient(), false);
        return loss.awaitLoss(b.size);
    }

    @Override
    public Evaluation evaluate(DeviceBatch deviceBatch) {
        CudaBatch b = batch(deviceBatch);
        double[] r = loss.evaluate(inferenceLogits(b), b.labels(), b.size);
        return new Evaluation(r[0], Math.round(r[1]), b.size);
    }

    @Override
    public float[] logits(DeviceBatch deviceBatch) {
        CudaBatch b = batch(deviceBatch);
        DeviceFloats logits = inferenceLogits(b);
        int count = b.size * spec.classes();
        float[] out = new float[count];
        try (FloatPointer host = new FloatPointer(count)) {
            gpu.copy(host.address(), logits.address, (long) count * Float.BYTES, cudart.cudaMemcpyDeviceToHost);
            gpu.sync();
            host.get(out);
        }
        return out;
    }

    /** The forward pass in inference mode: the class scores, {@code size × classes}, in device memory. */
    private DeviceFloats inferenceLogits(CudaBatch b) {
        ensureOpen();
        reserve(b.size);
        context.n = b.size;
        context.mode = PassContext.Mode.EVAL;
        return body.forward(context, b.featureFloats());
    }

    @Override
    public NetworkState exportState() {
        ensureOpen();
        float[] buffers = new float[runningLength];
        if (runningLength > 0) {
            try (FloatPointer host = new FloatPointer(runningLength)) {
                gpu.copy(host.address(), running.address, (long) runningLength * Float.BYTES, cudart.cudaMemcpyDeviceToHost);
                gpu.sync();
                host.get(buffers);
            }
        }
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
        writeRunning(buffers);
    }

    private void writeRunning(float[] values) {
        if (values.length == 0) {
            return;
        }
        try (FloatPointer host = new FloatPointer(values)) {
            gpu.copy(running.address, host.address(), (long) values.length * Float.BYTES, cudart.cudaMemcpyHostToDevice);
            gpu.sync();
        }
    }
}
