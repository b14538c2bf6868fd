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
import vsam.api.Session;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.vector.SegmentScope;
import vsam.api.vector.Vec;

/**
 * The device-vector operations of the hot path, on vectors of 1 M and 11 M elements laid out like a
 * network's parameters (see {@link BenchTarget#vectorModel}):
 * <ul>
 *   <li>{@code norm}: ‖g‖ over every segment (SAM's perturbation);</li>
 *   <li>{@code scoped-norm}: ‖g‖ over the last 10 tensors (vSAM's statistics);</li>
 *   <li>{@code axpy}: {@code g += a·psf} (reuse, perturbation, PSF);</li>
 *   <li>{@code sgd-update}: the fused SGD step with momentum and weight decay on the network's parameters.</li>
 * </ul>
 * Score: microseconds per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VecBenchmark {

    /** Backend id. */
    @Param({"javacpp"})
    public String backend;
    /** Device name. */
    @Param({"cpu"})
    public String device;
    /** CPU threads, 0 = the backend's default. */
    @Param({"0"})
    public int threads;
    /** Vector length: 1M or 11M. */
    @Param({"1M", "11M"})
    public String size;
    /** Operation: norm, scoped-norm, axpy or sgd-update. */
    @Param({"norm", "scoped-norm", "axpy", "sgd-update"})
    public String op;

    private Session session;
    private Vec params;
    private Vec g;
    private Vec psf;
    private Vec momentum;
    private SegmentScope scope;
    private float sign = 0.5f;

    /** Opens the backend and fills the vectors. */
    @Setup(Level.Trial)
    public void open() {
        session = BenchTarget.open(backend, device, threads);
        ModelSpec spec = BenchTarget.vectorModel(size);
        Network net = session.build(spec, InitialWeights.generate(spec, 1), LossOptions.PLAIN);
        params = net.params();
        g = session.zerosLike(net);
        psf = session.zerosLike(net);
        momentum = session.zerosLike(net);
        g.fill(1e-3f);
        psf.fill(-1e-3f);
        scope = net.segments().last(10);
        if (!java.util.List.of("norm", "scoped-norm", "axpy", "sgd-update").contains(op)) {
            throw new IllegalArgumentException("unknown operation '" + op + "' (norm, scoped-norm, axpy, sgd-update)");
        }
    }

    /** One operation. */
    @Benchmark
    public double operation() {
        switch (op) {
            case "norm":
                return g.norm2();
            case "scoped-norm":
                return g.norm2(scope);
            case "axpy":
                // alternating signs keep g bounded over millions of calls
                sign = -sign;
                g.axpy(sign, psf);
                return 0;
            default:
                params.sgdStep(g, momentum, 1e-6f, 0.9f, 5e-4f, false);
                return 0;
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
