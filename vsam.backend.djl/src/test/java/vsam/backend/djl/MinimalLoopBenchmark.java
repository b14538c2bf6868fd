package vsam.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;

/**
 * The djl backend's SGD step of {@code cnn-s} against the same step written as a minimal hand-written DJL
 * loop (issue 17: the backend may cost at most 3% more than such a loop; docs/RESULTS.md §0d).
 *
 * <p>The minimal loop is what a DJL user would write without this project: one tensor per parameter, the
 * functional libtorch calls of each layer (each convolution's output stored channels-last, as the backend
 * stores it, see {@link LayerOp.Conv#channelsLast}), the label-smoothed cross-entropy, autograd, and momentum
 * SGD with weight decay updated tensor by tensor; the batch is created from the host arrays every step. Both
 * loops start from the same initial weights and read the same batches; the test first checks that their
 * losses agree, so the comparison is between the same computations. Then it times them in alternating
 * blocks (so drifting load falls on both alike) and prints each one's median step and the ratio.
 *
 * <p>A benchmark, excluded from the default build: {@code mvn -o -q test -pl vsam.backend.djl
 * -Dvsam.excludedGroups=none -Dtest=MinimalLoopBenchmark [-Dvsam.bench.steps=N -Dvsam.bench.threads=T]}.
 */
@Tag("benchmark")
class MinimalLoopBenchmark {

    private static final int BATCH = 128;
    private static final int CLASSES = 10;
    private static final float SMOOTHING = 0.1f;
    private static final float LR = 0.05f;
    private static final float MOMENTUM = 0.9f;
    private static final float WEIGHT_DECAY = 5e-4f;

    @Test
    void backendStepAgainstMinimalDjlLoop() {
        int steps = Integer.getInteger("vsam.bench.steps", 200);
        int threads = Integer.getInteger("vsam.bench.threads", 2);
        int block = 10;
        try (DjlSession session = Fixtures.session(threads)) {
            ModelSpec spec = Models.cnnS(Fixtures.MNIST, CLASSES);
            InitialWeights init = InitialWeights.generate(spec, 1);
            HostBatch[] batches = new HostBatch[4];
            for (int i = 0; i < batches.length; i++) {
                batches[i] = Fixtures.randomBatch(i, BATCH, Fixtures.MNIST, CLASSES);
            }
            BackendLoop backend = new BackendLoop(session, spec, init);
            try (MinimalLoop minimal = new MinimalLoop(spec.segments(), init.flat())) {
                for (int i = 0; i < 3; i++) {
                    double a = backend.step(batches[i]);
                    double b = minimal.step(batches[i]);
                    assertEquals(b, a, 1e-4 * Math.max(1, Math.abs(b)), "loss of step " + i + ": backend vs minimal loop");
                }
                for (int i = 0; i < 2 * block; i++) {           // warm-up of both
                    backend.step(batches[i % batches.length]);
                    minimal.step(batches[i % batches.length]);
                }
                double[] backendMillis = new double[steps];
                double[] minimalMillis = new double[steps];
                for (int from = 0; from < steps; from += block) {
                    int to = Math.min(steps, from + block);
                    for (int s = from; s < to; s++) {
                        long t0 = System.nanoTime();
                        backend.step(batches[s % batches.length]);
                        backendMillis[s] = (System.nanoTime() - t0) / 1e6;
                    }
                    for (int s = from; s < to; s++) {
                        long t0 = System.nanoTime();
                        minimal.step(batches[s % batches.length]);
                        minimalMillis[s] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                double backendMedian = median(backendMillis);
                double minimalMedian = median(minimalMillis);
                System.out.printf("[djl] cnn-s, batch %d, %d threads, %d steps each, alternating blocks of %d:"
                                + " backend median step %.2f ms (sum %.2f s), minimal DJL loop %.2f ms (sum %.2f s);"
                                + " backend/minimal %.3f by median, %.3f by sum%n",
                        BATCH, PyTorchRuntime.threads(), steps, block, backendMedian, sum(backendMillis) / 1e3,
                        minimalMedian, sum(minimalMillis) / 1e3, backendMedian / minimalMedian,
                        sum(backendMillis) / sum(minimalMillis));
                System.out.printf("[djl] median ms of batch / loss and gradient / update: backend %s, minimal loop %s%n",
                        backend.phases, minimal.phases);
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double sum(double[] values) {
        return Arrays.stream(values).sum();
    }

    /** Wall time of a step's three phases (batch, loss and gradient, update), step by step. */
    private static final class Phases {
        private final List<double[]> steps = new ArrayList<>();
        private double[] current;
        private int phase;
        private long last;

        void start() {
            current = new double[3];
            steps.add(current);
            phase = 0;
            last = System.nanoTime();
        }

        void next() {
            long now = System.nanoTime();
            current[phase++] = (now - last) / 1e6;
            last = now;
        }

        @Override
        public String toString() {
            double[] medians = new double[3];
            for (int p = 0; p < 3; p++) {
                int q = p;
                medians[p] = median(steps.stream().mapToDouble(x -> x[q]).toArray());
            }
            return String.format(java.util.Locale.ROOT, "%.2f / %.2f / %.2f", medians[0], medians[1], medians[2]);
        }
    }

    /** The backend's step as the training loop runs it: upload, CLEAN loss and gradient, fused SGD update. */
    private static final class BackendLoop {
        private final DjlSession session;
        private final Network network;
        private final Vec grad;
        private final Vec momentum;
        final Phases phases = new Phases();

        BackendLoop(DjlSession session, ModelSpec spec, InitialWeights init) {
            this.session = session;
            this.network = session.build(spec, init, new LossOptions(SMOOTHING));
            this.grad = session.zerosLike(network);
            this.momentum = session.zerosLike(network);
        }

        double step(HostBatch host) {
            phases.start();
            try (DeviceBatch batch = session.upload(host)) {
                phases.next();
                double loss = network.lossAndGradient(batch, Pass.CLEAN, grad);
                phases.next();
                network.params().sgdStep(grad, momentum, LR, MOMENTUM, WEIGHT_DECAY, false);
                phases.next();
                return loss;
            }
        }
    }

    /**
     * cnn-s written out by hand in DJL: {@code [conv3×3 16, BN, ReLU]×2, pool, [conv3×3 32, BN, ReLU]×2,
     * pool, linear 128, ReLU, linear 10}, parameters in the spec's segment order (16 tensors).
     */
    private static final class MinimalLoop implements AutoCloseable {
        private static final Shape ONE = new Shape(1, 1);
        private static final Shape PAD = new Shape(1, 1);
        private static final Shape NO_PAD = new Shape(0, 0);
        private static final Shape POOL = new Shape(2, 2);

        private final NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
        private final NDArray[] w;
        private final NDArray[] m;
        private final NDArray[] runningMean = new NDArray[4];
        private final NDArray[] runningVar = new NDArray[4];
        final Phases phases = new Phases();

        MinimalLoop(Segments segments, float[] initial) {
            if (segments.count() != 16) {
                throw new IllegalStateException("cnn-s has 16 parameter tensors, the spec " + segments.count());
            }
            w = new NDArray[16];
            m = new NDArray[16];
            for (int i = 0; i < 16; i++) {
                int[] dims = segments.shape(i);
                long[] shape = Arrays.stream(dims).asLongStream().toArray();
                int from = Math.toIntExact(segments.offset(i));
                w[i] = manager.create(Arrays.copyOfRange(initial, from, from + Math.toIntExact(segments.size(i))),
                        new Shape(shape));
                w[i].setRequiresGradient(true);
                m[i] = manager.zeros(new Shape(shape), DataType.FLOAT32);
            }
            int[] channels = {16, 16, 32, 32};
            for (int i = 0; i < 4; i++) {
                runningMean[i] = manager.zeros(new Shape(channels[i]), DataType.FLOAT32);
                runningVar[i] = manager.ones(new Shape(channels[i]), DataType.FLOAT32);
            }
        }

        double step(HostBatch host) {
            phases.start();
            try (NDManager scope = manager.newSubManager()) {
                float[] features = host.features();
                NDArray x = scope.create(Arrays.copyOf(features, BATCH * 28 * 28), new Shape(BATCH, 1, 28, 28));
                long[] labels = Arrays.stream(host.labels()).limit(BATCH).asLongStream().toArray();
                NDArray y = scope.create(labels, new Shape(BATCH, 1));
                float loss;
                phases.next();
                try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray h = block(x, 0, 0);
                    h = block(h, 3, 1);
                    h = Pool.maxPool2d(h, POOL, POOL, NO_PAD, false);
                    h = block(h, 6, 2);
                    h = block(h, 9, 3);
                    h = Pool.maxPool2d(h, POOL, POOL, NO_PAD, false);
                    h = h.reshape(BATCH, -1);
                    h = Activation.relu(Linear.linear(h, w[12], w[13]).singletonOrThrow());
                    NDArray logits = Linear.linear(h, w[14], w[15]).singletonOrThrow();
                    NDArray logp = logits.logSoftmax(1);
                    NDArray total = logp.gather(y, 1).sum().mul(scope.full(new Shape(), -(1 - SMOOTHING) / BATCH))
                            .add(logp.sum().mul(scope.full(new Shape(), -SMOOTHING / (CLASSES * BATCH))));
                    for (NDArray p : w) {
                        JniUtils.zeroGrad((PtNDArray) p);
                    }
                    collector.backward(total);
                    loss = total.getFloat();
                }
                phases.next();
                for (int i = 0; i < w.length; i++) {
                    try (NDArray g = w[i].getGradient(); NDArray d = w[i].mul(WEIGHT_DECAY)) {
                        d.addi(g);                                      // d = g + wd·w
                        m[i].muli(MOMENTUM).addi(d);                    // m ← mu·m + d
                        try (NDArray change = m[i].mul(LR)) {
                            w[i].subi(change);                          // w ← w − lr·m
                        }
                    }
                }
                phases.next();
                return loss;
            }
        }

        /** conv3×3 (no bias) → BatchNorm (training, momentum 0.1) → ReLU. */
        private NDArray block(NDArray x, int weight, int norm) {
            NDArray c = LayerOp.Conv.channelsLast(Conv2d.conv2d(x, w[weight], null, ONE, PAD, ONE, 1).singletonOrThrow());
            NDArray b = JniUtils.batchNorm((PtNDArray) c, (PtNDArray) runningMean[norm], (PtNDArray) runningVar[norm],
                    (PtNDArray) w[weight + 1], (PtNDArray) w[weight + 2], true, LayerOp.BN_MOMENTUM, LayerOp.BN_EPSILON);
            return Activation.relu(b);
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
