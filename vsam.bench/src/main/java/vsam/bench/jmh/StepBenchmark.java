package vsam.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import vsam.algorithm.optim.BaseOptimizers;
import vsam.algorithm.reuse.DecayedPsf;
import vsam.algorithm.reuse.NoReuse;
import vsam.algorithm.sampling.Always;
import vsam.algorithm.sampling.Never;
import vsam.algorithm.sampling.VariationDriven;
import vsam.algorithm.step.Method;
import vsam.algorithm.step.Perturbation;
import vsam.algorithm.step.SharpnessAwareStep;
import vsam.api.Session;
import vsam.api.config.MethodCatalogue;
import vsam.api.config.MethodConfig;
import vsam.api.config.OptimizerConfig;
import vsam.api.config.VsamConfig;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;

/**
 * One full training step as the trainer takes it — upload the batch, clean pass, the method's decision,
 * [perturb, perturbed pass, restore, PSF] or [reuse], fused SGD update — per backend, device, model and
 * method:
 * <ul>
 *   <li>{@code sgd}: one pass; {@code sam}: two passes every step;</li>
 *   <li>{@code vsam-sample}: vSAM's sampling step (two passes, the PSF kept for reuse, the variation
 *       statistics updated); {@code vsam-reuse}: vSAM's reuse step (one pass plus {@code g += γ^k·PSF}), both
 *       with vSAM's policy bookkeeping but its decision forced.</li>
 * </ul>
 * The base optimizer is the reference setup's (SGD momentum 0.9, weight decay 5e-4) at a small learning rate,
 * the batch a fixed synthetic one; the score is milliseconds per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StepBenchmark {

    /** Backend id. */
    @Param({"javacpp"})
    public String backend;
    /** Device name. */
    @Param({"cpu"})
    public String device;
    /** CPU threads, 0 = the backend's default. */
    @Param({"0"})
    public int threads;
    /** Model id (vit-tiny: docs/ARCHITECTURE.md, "Transformer layers"). */
    @Param({"mlp", "cnn-s", "vit-tiny"})
    public String model;
    /** Method: sgd, sam, vsam-sample or vsam-reuse. */
    @Param({"sgd", "sam", "vsam-sample", "vsam-reuse"})
    public String method;
    /** Examples per step. */
    @Param({"128"})
    public int batch;

    private Session session;
    private SharpnessAwareStep step;
    private HostBatch host;
    private long iteration;

    /** Opens the backend, builds the network and the method, and (for the reuse step) stores a first PSF. */
    @Setup(Level.Trial)
    public void open() {
        session = BenchTarget.open(backend, device, threads);
        ModelSpec spec = BenchTarget.model(model);
        Network net = session.build(spec, InitialWeights.generate(spec, 1), LossOptions.PLAIN);
        host = BenchTarget.syntheticBatch(spec.input(), batch, 7);
        Perturbation sam = Perturbation.sam(MethodCatalogue.DEFAULT_RHO);
        VsamConfig v = VsamConfig.defaults();
        ForcedPolicy forced = new ForcedPolicy(new VariationDriven(v, 0, 11), true);
        Method m = switch (method) {
            case "sgd" -> new Method("sgd", new Never(), sam, new NoReuse());
            case "sam" -> new Method("sam", new Always(), sam, new NoReuse());
            // a horizon no benchmark reaches, so every reuse step adds γ^k·PSF as inside vSAM's horizon
            case "vsam-sample", "vsam-reuse" -> new Method("vsam", forced, sam, new DecayedPsf(0.999, Integer.MAX_VALUE));
            default -> throw new IllegalArgumentException("unknown method '" + method + "' (sgd, sam, vsam-sample, vsam-reuse)");
        };
        step = new SharpnessAwareStep(net, m, BaseOptimizers.create(OptimizerConfig.defaults(), () -> session.zerosLike(net)),
                net.segments().last(Math.min(MethodConfig.DEFAULT_STATS_SCOPE, net.segments().count())), () -> session.zerosLike(net));
        if (method.equals("vsam-reuse")) {
            trainingStep();
            forced.force(false);
        }
    }

    /** One step. */
    @Benchmark
    public double trainingStep() {
        try (DeviceBatch b = session.upload(host)) {
            return step.run(b, 0.005f, iteration++, Long.MAX_VALUE).loss();
        }
    }

    /** Frees the session. */
    @TearDown(Level.Trial)
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
