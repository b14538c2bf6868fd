package vsam.backend.javacpp.cuda;

import java.util.ArrayList;
import java.util.List;
import vsam.algorithm.optim.Sgd;
import vsam.algorithm.step.Method;
import vsam.algorithm.step.Methods;
import vsam.algorithm.step.SharpnessAwareStep;
import vsam.algorithm.step.StepOutcome;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.config.MethodConfig;
import vsam.api.config.VsamConfig;
import vsam.api.config.Warmup;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.BatchSource;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;
import vsam.backend.javacpp.Fixtures;
import vsam.backend.javacpp.JavaCppBackend;
import vsam.backend.javacpp.NativeProbe;
import vsam.backend.javacpp.cpu.CpuSession;
import vsam.testkit.InMemorySource;

/**
 * The CPU-vs-CUDA measurements, shared by the JUnit tests of this package (which assert the issue's
 * tolerances) and by {@link GpuCheckMain} (which prints them on one line from the GPU check bundle).
 * Plain Java: no JUnit here, so the bundle needs none.
 */
public final class CudaChecks {

    /** Loss tolerance (relative). */
    public static final double LOSS_TOLERANCE = 1e-4;
    /** Gradient tolerance per segment (relative L2). */
    public static final double GRADIENT_TOLERANCE = 1e-3;
    /** Parameter tolerance after 50 training steps (relative L2). */
    public static final double TRAINING_TOLERANCE = 1e-3;
    /** Training steps of the training parity check. */
    public static final int TRAINING_STEPS = 50;

    private CudaChecks() {
    }

    /** Why CUDA cannot be used here, or empty when {@code cuda:0} can be opened. */
    public static String unavailableReason() {
        NativeProbe.CudaResult cuda = NativeProbe.cuda();
        return cuda.devices().isEmpty() ? cuda.reason() : "";
    }

    /** Opens {@code cuda:0} through the backend (so through its probe). */
    public static Session openCuda() {
        return new JavaCppBackend().open(new SessionOptions("cuda:0", 0));
    }

    /** The parity models: name, spec, batch size, seed (resnet18 at a small batch). */
    public record Case(String name, ModelSpec spec, int batch, long seed) {
    }

    /**
     * mlp, cnn-s, resnet18, the model file with every convolutional layer kind, and the vision transformers
     * (vit-tiny at batch 2, the class-token and mean-pool files), as in the CPU-vs-DJL suites.
     */
    public static List<Case> cases() {
        return List.of(
                new Case("mlp", Models.mlp(new Shape(1, 28, 28), 10), 16, 3),
                new Case("cnn-s", Models.cnnS(new Shape(1, 28, 28), 10), 8, 4),
                new Case("resnet18", Models.resnet18(new Shape(3, 32, 32), 10), 2, 5),
                new Case("every-layer", Fixtures.everyLayerKind(), 4, 6),
                new Case("vit-tiny", Models.byId("vit-tiny", new Shape(1, 28, 28), 10), 2, 21),
                new Case("cls-vit", Fixtures.classTokenTransformer(), 5, 22),
                new Case("mean-vit", Fixtures.meanPoolTransformer(), 4, 23));
    }

    /**
     * One CLEAN pass on both devices from the same weights and batch.
     *
     * @param lossRel      |loss_cuda − loss_cpu| / |loss_cpu|
     * @param worstGrad    the largest per-segment relative L2 distance of the gradients
     * @param worstSegment the name of that segment
     * @param buffersRel   relative L2 distance of the BatchNorm running buffers after the pass (0 without BN)
     * @param evalLossRel  relative distance of the evaluation loss sums (inference mode) after the pass
     * @param evalCorrect  difference of the evaluation correct counts
     */
    public record GradientParity(String model, double lossRel, double worstGrad, String worstSegment, double buffersRel,
                                 double evalLossRel, long evalCorrect) {
        public boolean passes() {
            return lossRel <= LOSS_TOLERANCE && worstGrad <= GRADIENT_TOLERANCE && buffersRel <= 1e-4
                    && evalLossRel <= LOSS_TOLERANCE && Math.abs(evalCorrect) <= 1;
        }
    }

    public static GradientParity gradients(Session cpu, Session cuda, Case c) {
        ModelSpec spec = c.spec();
        InitialWeights init = InitialWeights.generate(spec, c.seed());
        LossOptions loss = new LossOptions(0.1);
        HostBatch host = Fixtures.batch(c.batch(), spec.input(), spec.classes(), c.seed() + 1);
        Network a = cpu.build(spec, init, loss);
        Network b = cuda.build(spec, init, loss);
        Vec ga = cpu.zerosLike(a);
        Vec gb = cuda.zerosLike(b);
        double la;
        double lb;
        vsam.api.network.Evaluation ea;
        vsam.api.network.Evaluation eb;
        try (DeviceBatch x = cpu.upload(host); DeviceBatch y = cuda.upload(host)) {
            la = a.lossAndGradient(x, Pass.CLEAN, ga);
            lb = b.lossAndGradient(y, Pass.CLEAN, gb);
            ea = a.evaluate(x);
            eb = b.evaluate(y);
        }
        Segments segments = spec.segments();
        float[] ra = ga.read();
        float[] rb = gb.read();
        double worst = 0;
        String worstName = "";
        for (int s = 0; s < segments.count(); s++) {
            double rel = Fixtures.relativeL2(rb, ra, (int) segments.offset(s), (int) segments.offset(s + 1));
            if (rel > worst || Double.isNaN(rel)) {
                worst = rel;
                worstName = segments.name(s);
            }
        }
        float[] bufA = a.exportState().buffers();
        float[] bufB = b.exportState().buffers();
        double buffers = bufA.length == 0 ? 0 : Fixtures.relativeL2(bufB, bufA, 0, bufA.length);
        double evalRel = Math.abs(eb.lossSum() - ea.lossSum()) / Math.max(Math.abs(ea.lossSum()), 1e-30);
        return new GradientParity(c.name(), Math.abs(lb - la) / Math.abs(la), worst, worstName, buffers, evalRel,
                eb.correct() - ea.correct());
    }

    /** The parameters after a training run and the sampling decisions taken. */
    public record Run(float[] params, List<Boolean> sampled) {
    }

    /** The training parity setup: mlp on 1×12×12 blobs, 4 classes, batch 16, lr 0.05, SGD momentum 0.9. */
    public static final ModelSpec TRAINING_SPEC = Models.mlp(new Shape(1, 12, 12), 4);

    /** {@link #TRAINING_STEPS} steps of {@code method} ("sgd" or "vsam") with the seeded setup of the CPU suite. */
    public static Run train(Session session, String methodName) {
        int batch = 16;
        Network net = session.build(TRAINING_SPEC, InitialWeights.generate(TRAINING_SPEC, 21), new LossOptions(0.1));
        MethodConfig base = MethodConfig.defaults(methodName);
        MethodConfig config = base.params() instanceof VsamConfig
                ? base.withParams(VsamConfig.defaults().withWindow(10, 5).withWarmup(Warmup.iterations(10))) : base;
        Method method = Methods.create(config, 10, TRAINING_STEPS, 21, () -> session.zerosLike(net));
        Sgd sgd = new Sgd(session.zerosLike(net), 0.9, 5e-4, false);
        SharpnessAwareStep step = new SharpnessAwareStep(net, method, sgd, net.segments().last(10),
                () -> session.zerosLike(net));
        BatchSource source = InMemorySource.blobs(batch * 10, TRAINING_SPEC.input(), TRAINING_SPEC.classes(), batch, 5);
        List<Boolean> sampled = new ArrayList<>();
        int it = 0;
        for (int epoch = 0; it < TRAINING_STEPS; epoch++) {
            try (BatchSource.Batches batches = source.epoch(epoch)) {
                while (batches.hasNext() && it < TRAINING_STEPS) {
                    try (DeviceBatch b = session.upload(batches.next())) {
                        StepOutcome out = step.run(b, 0.05f, it, TRAINING_STEPS);
                        sampled.add(out.sampled());
                    }
                    it++;
                }
            }
        }
        return new Run(net.params().read(), sampled);
    }

    /**
     * Training parity of one method.
     *
     * @param paramsRel      relative L2 distance of the final parameters (CUDA vs CPU)
     * @param sameDecisions  whether both took the same SAM steps
     * @param samSteps       SAM steps taken on the CPU
     */
    public record TrainingParity(String method, double paramsRel, boolean sameDecisions, long samSteps) {
        public boolean passes() {
            return sameDecisions && paramsRel <= TRAINING_TOLERANCE;
        }
    }

    public static TrainingParity training(Session cpu, Session cuda, String method) {
        Run a = train(cpu, method);
        Run b = train(cuda, method);
        return new TrainingParity(method, Fixtures.relativeL2(b.params(), a.params(), 0, a.params().length),
                a.sampled().equals(b.sampled()), a.sampled().stream().filter(x -> x).count());
    }

    /**
     * Every {@link Vec} operation on both devices from the same values.
     *
     * @param worstRel       the largest relative error of an operation (arrays: relative L2; scalars: relative)
     * @param worstOp        that operation
     * @param sgdMismatches  elements where the fused SGD updates (plain and Nesterov, 3 steps) differ at all
     * @param adamMismatches elements where the fused AdamW updates (3 steps) differ at all
     */
    public record VecParity(double worstRel, String worstOp, long sgdMismatches, long adamMismatches) {
        public boolean passes() {
            return worstRel <= 1e-5 && sgdMismatches == 0 && adamMismatches == 0;
        }
    }

    private static final class Worst {
        double rel;
        String op = "";

        void arrays(String op, float[] cuda, float[] cpu) {
            scalar(op, Fixtures.relativeL2(cuda, cpu, 0, cpu.length));
        }

        void values(String op, double cuda, double cpu) {
            scalar(op, Math.abs(cuda - cpu) / Math.max(Math.abs(cpu), 1e-30));
        }

        private void scalar(String op, double r) {
            if (r > rel || Double.isNaN(r)) {
                rel = r;
                this.op = op;
            }
        }
    }

    public static VecParity vecOps(Session cpu, Session cuda) {
        ModelSpec spec = Models.mlp(new Shape(1, 28, 28), 10);
        InitialWeights init = InitialWeights.generate(spec, 1);
        Network netA = cpu.build(spec, init, LossOptions.PLAIN);
        Network netB = cuda.build(spec, init, LossOptions.PLAIN);
        int n = (int) spec.segments().totalLength();
        Worst worst = new Worst();
        Vec a = vec(cpu, netA, n, 1);
        Vec b = vec(cpu, netA, n, 2);
        Vec ca = vec(cuda, netB, n, 1);
        Vec cb = vec(cuda, netB, n, 2);
        a.scale(0.37f);
        ca.scale(0.37f);
        worst.arrays("scale", ca.read(), a.read());
        a.axpy(-1.25f, b);
        ca.axpy(-1.25f, cb);
        worst.arrays("axpy", ca.read(), a.read());
        worst.values("dot", ca.dot(cb), a.dot(b));
        worst.values("norm2", ca.norm2(), a.norm2());
        Segments segments = spec.segments();
        for (var scope : List.of(segments.all(), segments.last(1), segments.last(3), new vsam.api.vector.SegmentScope(1, 2))) {
            worst.values("norm2" + scope, ca.norm2(scope), a.norm2(scope));
        }
        a.mulElementwise(b);
        ca.mulElementwise(cb);
        worst.arrays("mulElementwise", ca.read(), a.read());
        a.abs();
        ca.abs();
        worst.arrays("abs", ca.read(), a.read());
        a.copyFrom(b);
        ca.copyFrom(cb);
        worst.arrays("copyFrom", ca.read(), a.read());
        a.fill(0.5f);
        ca.fill(0.5f);
        worst.arrays("fill", ca.read(), a.read());
        a.fill(0f);
        ca.fill(0f);
        worst.values("fill 0", ca.norm2(), a.norm2());
        long sgd = 0;
        for (boolean nesterov : new boolean[] {false, true}) {
            Vec w = vec(cpu, netA, n, 5);
            Vec g = vec(cpu, netA, n, 6);
            Vec m = vec(cpu, netA, n, 7);
            Vec cw = vec(cuda, netB, n, 5);
            Vec cg = vec(cuda, netB, n, 6);
            Vec cm = vec(cuda, netB, n, 7);
            for (int t = 0; t < 3; t++) {
                w.sgdStep(g, m, 0.05f, 0.9f, 5e-4f, nesterov);
                cw.sgdStep(cg, cm, 0.05f, 0.9f, 5e-4f, nesterov);
            }
            sgd += mismatches(cw.read(), w.read()) + mismatches(cm.read(), m.read());
        }
        Vec w = vec(cpu, netA, n, 8);
        Vec g = vec(cpu, netA, n, 9);
        Vec m = cpu.zerosLike(netA);
        Vec v = cpu.zerosLike(netA);
        Vec cw = vec(cuda, netB, n, 8);
        Vec cg = vec(cuda, netB, n, 9);
        Vec cm = cuda.zerosLike(netB);
        Vec cv = cuda.zerosLike(netB);
        for (int t = 1; t <= 3; t++) {
            w.adamWStep(g, m, v, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, t);
            cw.adamWStep(cg, cm, cv, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, t);
        }
        long adam = mismatches(cw.read(), w.read()) + mismatches(cm.read(), m.read()) + mismatches(cv.read(), v.read());
        return new VecParity(worst.rel, worst.op, sgd, adam);
    }

    private static Vec vec(Session session, Network network, int n, long seed) {
        Vec v = session.zerosLike(network);
        v.write(Fixtures.uniform(n, seed));
        return v;
    }

    private static long mismatches(float[] a, float[] b) {
        long count = 0;
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToIntBits(a[i]) != Float.floatToIntBits(b[i])) {
                count++;
            }
        }
        return count;
    }

    /**
     * Steps per second of {@code resnet18} on CIFAR-shaped synthetic batches of 128, each step uploading
     * its batch: plain SGD, SAM (every step two passes) and vSAM (its seeded sampling; {@code vsamFraction}
     * is the share of timed steps that took the perturbed pass).
     */
    public record Throughput(double sgd, double sam, double vsam, double vsamFraction, int steps) {
    }

    /** Runs {@code warmup} untimed steps (cuDNN's algorithm search, vSAM's warm-up), then {@code steps} timed ones per method. */
    public static Throughput throughput(Session cuda, int warmup, int steps) {
        return throughput(cuda, Models.resnet18(new Shape(3, 32, 32), 10), warmup, steps);
    }

    /** As {@link #throughput(Session, int, int)} for {@code spec} (vit-tiny: the transformer layers' speed). */
    public static Throughput throughput(Session cuda, ModelSpec spec, int warmup, int steps) {
        double[] rate = new double[3];
        double fraction = 0;
        String[] methods = {"sgd", "sam", "vsam"};
        List<HostBatch> batches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batches.add(Fixtures.batch(128, spec.input(), spec.classes(), 100 + i));
        }
        for (int k = 0; k < methods.length; k++) {
            Network net = cuda.build(spec, InitialWeights.generate(spec, 1), new LossOptions(0.1));
            MethodConfig base = MethodConfig.defaults(methods[k]);
            MethodConfig config = base.params() instanceof VsamConfig
                    ? base.withParams(VsamConfig.defaults().withWindow(10, 5).withWarmup(Warmup.iterations(warmup))) : base;
            long total = warmup + steps;
            Method method = Methods.create(config, 390, total, 1, () -> cuda.zerosLike(net));
            Sgd sgd = new Sgd(cuda.zerosLike(net), 0.9, 5e-4, false);
            SharpnessAwareStep step = new SharpnessAwareStep(net, method, sgd, net.segments().last(10),
                    () -> cuda.zerosLike(net));
            long start = 0;
            int sampled = 0;
            for (int it = 0; it < total; it++) {
                if (it == warmup) {
                    sync(cuda);
                    start = System.nanoTime();
                }
                try (DeviceBatch b = cuda.upload(batches.get(it % batches.size()))) {
                    StepOutcome out = step.run(b, 0.05f, it, total);
                    if (it >= warmup && out.sampled()) {
                        sampled++;
                    }
                }
            }
            sync(cuda);
            rate[k] = steps / ((System.nanoTime() - start) / 1e9);
            if (methods[k].equals("vsam")) {
                fraction = (double) sampled / steps;
            }
        }
        return new Throughput(rate[0], rate[1], rate[2], fraction, steps);
    }

    private static void sync(Session session) {
        if (session instanceof CudaSession c) {
            c.synchronize();
        }
    }

    /** Opens a CPU session for the comparisons (2 threads). */
    public static Session openCpu() {
        return new CpuSession(2);
    }
}
