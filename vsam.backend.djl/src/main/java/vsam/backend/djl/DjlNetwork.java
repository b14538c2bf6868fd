package vsam.backend.djl;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import vsam.api.BackendException;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.network.DeviceBatch;
import vsam.api.network.Evaluation;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.NetworkState;
import vsam.api.network.Pass;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;

/**
 * A {@link ModelSpec} built on libtorch through DJL.
 *
 * <p><b>Parameters</b> live in ONE flat {@code float32} tensor (the {@link #params()} vector). Each
 * pass splits it with {@code split_with_sizes} into per-tensor views (reshaped to PyTorch layouts
 * {@code [out, in, k, k]} and {@code [out, in]}) that the layers read; autograd carries the
 * gradients back through the split into the flat tensor's own {@code .grad} in one concatenation, so
 * the gradient arrives already flat and is copied into {@code gradOut} with a single {@code copy_}.
 * The flat tensor requires a gradient only during {@link #lossAndGradient}; in between, the
 * optimizer updates it in place with no autograd bookkeeping.
 *
 * <p><b>Gradients</b> are zeroed before every backward pass (libtorch accumulates into {@code .grad}
 * across DJL gradient collectors), so {@code gradOut} is always overwritten.
 *
 * <p><b>BatchNorm</b> running buffers are separate tensors, per BatchNorm layer in spec order. A
 * {@link Pass#CLEAN} pass updates them (PyTorch momentum 0.1, unbiased variance); a
 * {@link Pass#PERTURBED} pass hands libtorch a throw-away pair of buffers instead, so the real ones
 * are untouched, bit for bit (training-mode outputs do not read the running buffers).
 *
 * <p><b>Quantization</b>: a quantised spec's convolution and linear layer operations fake-quantise their input
 * and weights with LSQ ({@link FakeQuant}, {@link LayerQuantizers}), in training and in evaluation. A
 * CLEAN pass that finds a step size {@code ≤ 0} (input step sizes start at 0) first runs
 * {@link #initialiseStepSizes an initialisation pass}.
 *
 * <p><b>Memory</b>: every tensor of a pass (views, activations, loss) is owned by a sub-manager
 * closed at the end of the pass; the gradient handle from {@code getGradient()} is closed at once.
 */
final class DjlNetwork implements Network {

    private final DjlSession session;
    private final NDManager manager;
    private final ModelSpec spec;
    private final Segments segments;
    private final int classes;
    private final float smoothing;
    private final List<LayerOp> program;
    private final long[] splitPoints;
    private final Shape[] tensorShapes;
    private final NDArray flat;
    private final DjlVec params;
    private final NDArray[] runningMean;
    private final NDArray[] runningVar;
    private final NDArray[] scratchMean;
    private final NDArray[] scratchVar;
    private final int[] stepSizeSegments;

    DjlNetwork(DjlSession session, NDManager manager, ModelSpec spec, InitialWeights init, LossOptions loss) {
        this.session = session;
        this.manager = manager;
        this.spec = spec;
        this.segments = spec.segments();
        this.classes = spec.classes();
        this.smoothing = (float) loss.uniformEpsilon(spec.classes());

        LayerOp.Compiler compiler = new LayerOp.Compiler(spec.quantizedLayers());
        this.program = compiler.compile(spec.layers());
        if (compiler.parameters() != segments.count()) {
            throw new BackendException("model " + spec.id() + ": compiled " + compiler.parameters()
                    + " parameter tensors, the spec lists " + segments.count());
        }
        int n = segments.count();
        this.splitPoints = new long[n - 1];
        this.tensorShapes = new Shape[n];
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                splitPoints[i - 1] = segments.offset(i);
            }
            int[] dims = segments.shape(i);
            long[] longs = new long[dims.length];
            for (int d = 0; d < dims.length; d++) {
                longs[d] = dims[d];
            }
            tensorShapes[i] = new Shape(longs);
        }

        this.flat = manager.zeros(new Shape(segments.totalLength()), DataType.FLOAT32);
        this.params = new DjlVec(session, segments, flat);
        params.write(init.flat());

        this.stepSizeSegments = spec.quantizedLayers().stream()
                .flatMapToInt(q -> java.util.stream.IntStream.of(q.weightStepSegment(), q.inputStepSegment())).toArray();

        List<Integer> channels = compiler.normChannels();
        this.runningMean = new NDArray[channels.size()];
        this.runningVar = new NDArray[channels.size()];
        this.scratchMean = new NDArray[channels.size()];
        this.scratchVar = new NDArray[channels.size()];
        for (int i = 0; i < channels.size(); i++) {
            Shape c = new Shape(channels.get(i));
            runningMean[i] = manager.zeros(c, DataType.FLOAT32);
            runningVar[i] = manager.ones(c, DataType.FLOAT32);
            scratchMean[i] = manager.zeros(c, DataType.FLOAT32);
            scratchVar[i] = manager.ones(c, DataType.FLOAT32);
        }
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
    public Segments segments() {
        return segments;
    }

    /** Whether this network was built by {@code s}. */
    boolean belongsTo(DjlSession s) {
        return session == s;
    }

    @Override
    public double lossAndGradient(DeviceBatch deviceBatch, Pass pass, Vec gradOut) {
        DjlBatch batch = check(deviceBatch);
        if (!(gradOut instanceof DjlVec out) || !out.belongsTo(session) || out.data == flat) {
            throw new BackendException("gradOut must be a vector of this djl session other than params(), got " + gradOut);
        }
        if (!out.segments().equals(segments)) {
            throw new BackendException("gradOut has segments " + out.segments() + ", the network " + segments);
        }
        boolean clean = pass == Pass.CLEAN;
        float[] stepSizes = readStepSizes();
        if (clean && needsInitialisation(stepSizes)) {
            initialiseStepSizes(batch, stepSizes);
        }
        flat.setRequiresGradient(true);
        try (NDManager scope = manager.newSubManager();
             GradientCollector collector = session.engine().newGradientCollector()) {
            NDArray[] views = views(scope);
            NDArray x = own(scope, batch.features.reshape(batch.features.getShape()));
            NDArray logits = LayerOp.run(program, x, new LayerOp.Forward(views, true,
                    clean ? runningMean : scratchMean, clean ? runningVar : scratchVar, stepSizes));
            NDArray loss = smoothedCrossEntropy(scope, logits, batch, smoothing, classes);
            JniUtils.zeroGrad((PtNDArray) flat);
            collector.backward(loss);
            try (NDArray g = flat.getGradient()) {
                DjlVec.copy(out.data, g);
            }
            return loss.toFloatArray()[0];
        } catch (EngineException e) {
            throw new BackendException("libtorch failed in the " + pass + " pass of " + spec.id() + ": " + e.getMessage(), e);
        } finally {
            flat.setRequiresGradient(false);
        }
    }

    /**
     * {@code L = −(1/N) Σ_n [(1 − ε) log p_{n,y_n} + (ε/C) Σ_c log p_{n,c}]}, which is
     * {@code −(1/N) Σ_n Σ_c q_{n,c} log p_{n,c}} with {@code q = (1 − ε)·onehot + ε/C}.
     *
     * <p>The constant factors are libtorch-allocated scalars ({@code full}), not DJL's
     * {@code mul(Number)}: that wraps a Java direct buffer which DJL releases right after the call,
     * while autograd keeps the scalar for the backward pass, so the backward pass could read memory
     * the garbage collector has already freed.
     */
    private static NDArray smoothedCrossEntropy(NDManager scope, NDArray logits, DjlBatch batch, float smoothing, int classes) {
        float n = batch.size();
        NDArray logp = logits.logSoftmax(1);
        NDArray loss = logp.gather(batch.labelColumn, 1).sum().mul(constant(scope, -(1 - smoothing) / n));
        if (smoothing > 0) {
            loss = loss.add(logp.sum().mul(constant(scope, -smoothing / (classes * n))));
        }
        return loss;
    }

    /** A 0-dimensional float tensor in libtorch-owned memory. */
    private static NDArray constant(NDManager scope, float value) {
        return scope.full(new Shape(), value, DataType.FLOAT32);
    }

    @Override
    public Evaluation evaluate(DeviceBatch deviceBatch) {
        DjlBatch batch = check(deviceBatch);
        try (NDManager scope = manager.newSubManager()) {
            NDArray[] views = views(scope);
            NDArray x = own(scope, batch.features.reshape(batch.features.getShape()));
            NDArray logits = LayerOp.run(program, x, new LayerOp.Forward(views, false, runningMean, runningVar, readStepSizes()));
            NDArray picked = logits.logSoftmax(1).gather(batch.labelColumn, 1);
            double lossSum = -picked.toType(DataType.FLOAT64, false).sum().toDoubleArray()[0];
            long correct = logits.argMax(1).eq(batch.labels).sum().toLongArray()[0];
            return new Evaluation(lossSum, correct, batch.size());
        } catch (EngineException e) {
            throw new BackendException("libtorch failed evaluating " + spec.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public float[] logits(DeviceBatch deviceBatch) {
        DjlBatch batch = check(deviceBatch);
        try (NDManager scope = manager.newSubManager()) {
            NDArray[] views = views(scope);
            NDArray x = own(scope, batch.features.reshape(batch.features.getShape()));
            return LayerOp.run(program, x, new LayerOp.Forward(views, false, runningMean, runningVar, readStepSizes()))
                    .toFloatArray();
        } catch (EngineException e) {
            throw new BackendException("libtorch failed computing the class scores of " + spec.id() + ": " + e.getMessage(), e);
        }
    }

    /** The host values of the LSQ step sizes, by segment index (other entries 0). */
    private float[] readStepSizes() {
        float[] stepSizes = new float[segments.count()];
        for (int i : stepSizeSegments) {
            try (NDArray e = flat.get(segments.offset(i))) {
                stepSizes[i] = e.getFloat();
            }
        }
        return stepSizes;
    }

    private boolean needsInitialisation(float[] stepSizes) {
        for (int i : stepSizeSegments) {
            if (stepSizes[i] <= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * LSQ's initialisation from the first batch: a forward pass in training mode (BatchNorm on batch
     * statistics, running buffers untouched), with no gradient recorded, in which each step size {@code ≤ 0}
     * is set to {@code 2 · mean(|·|) / sqrt(Q_P)} of the tensor it quantises just before quantising it,
     * so later layers see the already quantised activations (what the javacpp backend does inside its
     * CLEAN pass). The new values are written into the parameters and into {@code stepSizes}.
     */
    private void initialiseStepSizes(DjlBatch batch, float[] stepSizes) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray[] views = views(scope);
            NDArray x = own(scope, batch.features.reshape(batch.features.getShape()));
            LayerOp.run(program, x, new LayerOp.Forward(views, true, scratchMean, scratchVar, stepSizes, true));
        }
        float[] all = params.read();
        for (int i : stepSizeSegments) {
            all[Math.toIntExact(segments.offset(i))] = stepSizes[i];
        }
        params.write(all);
    }

    /** Per-segment views of the flat parameters, owned by {@code scope}. */
    private NDArray[] views(NDManager scope) {
        NDArray[] views = new NDArray[tensorShapes.length];
        if (splitPoints.length == 0) {
            views[0] = own(scope, flat.reshape(tensorShapes[0]));
            return views;
        }
        NDList parts = flat.split(splitPoints, 0);
        for (int i = 0; i < views.length; i++) {
            NDArray part = own(scope, parts.get(i));
            views[i] = tensorShapes[i].dimension() == 1 ? part : part.reshape(tensorShapes[i]);
        }
        return views;
    }

    private static NDArray own(NDManager scope, NDArray array) {
        array.attach(scope);
        return array;
    }

    private DjlBatch check(DeviceBatch deviceBatch) {
        session.ensureOpen();
        if (!(deviceBatch instanceof DjlBatch batch) || !batch.belongsTo(session)) {
            throw new BackendException("the batch was not uploaded through this djl session: " + deviceBatch);
        }
        batch.ensureOpen();
        if (!batch.shape().equals(spec.input())) {
            throw new BackendException("model " + spec.id() + " takes examples of shape " + spec.input()
                    + ", the batch holds " + batch.shape());
        }
        if (batch.maxLabel() >= classes) {
            throw new BackendException("label " + batch.maxLabel() + " is out of range for " + classes + " classes");
        }
        return batch;
    }

    @Override
    public NetworkState exportState() {
        session.ensureOpen();
        int perLayer = 0;
        for (NDArray m : runningMean) {
            perLayer += Math.toIntExact(m.size());
        }
        float[] buffers = new float[2 * perLayer];
        int at = 0;
        for (int i = 0; i < runningMean.length; i++) {
            float[] mean = runningMean[i].toFloatArray();
            float[] var = runningVar[i].toFloatArray();
            System.arraycopy(mean, 0, buffers, at, mean.length);
            at += mean.length;
            System.arraycopy(var, 0, buffers, at, var.length);
            at += var.length;
        }
        return new NetworkState(params.read(), buffers);
    }

    @Override
    public void importState(NetworkState state) {
        session.ensureOpen();
        float[] parameters = state.parameters();
        float[] buffers = state.buffers();
        int expected = 0;
        for (NDArray m : runningMean) {
            expected += 2 * Math.toIntExact(m.size());
        }
        if (parameters.length != segments.totalLength() || buffers.length != expected) {
            throw new BackendException("state of " + parameters.length + " parameters and " + buffers.length
                    + " buffer values does not fit model " + spec.id() + " (" + segments.totalLength() + " and " + expected + ")");
        }
        params.write(parameters);
        int at = 0;
        for (int i = 0; i < runningMean.length; i++) {
            at = load(runningMean[i], buffers, at);
            at = load(runningVar[i], buffers, at);
        }
    }

    private int load(NDArray target, float[] values, int from) {
        int n = Math.toIntExact(target.size());
        float[] part = java.util.Arrays.copyOfRange(values, from, from + n);
        try (NDArray source = manager.create(part)) {
            DjlVec.copy(target, source);
        }
        return from + n;
    }

    @Override
    public String toString() {
        return "DjlNetwork[" + spec.id() + ", " + segments + "]";
    }
}
