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
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;

/**
 * Evaluation throughput: upload one test batch and evaluate it in inference mode (running BatchNorm
 * statistics, no gradient), as the trainer does after every epoch (batches of {@code vsam.data.RunData.TEST_BATCH}, 200). Score:
 * milliseconds per batch; the report turns it into images per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EvaluationBenchmark {

    /** Backend id. */
    @Param({"javacpp"})
    public String backend;
    /** Device name. */
    @Param({"cpu"})
    public String device;
    /** CPU threads, 0 = the backend's default. */
    @Param({"0"})
    public int threads;
    /** Model id. */
    @Param({"mlp", "cnn-s"})
    public String model;
    /** Examples per evaluated batch. */
    @Param({"200"})
    public int batch;

    private Session session;
    private Network net;
    private HostBatch host;

    /** Opens the backend and builds the network. */
    @Setup(Level.Trial)
    public void open() {
        session = BenchTarget.open(backend, device, threads);
        ModelSpec spec = BenchTarget.model(model);
        net = session.build(spec, InitialWeights.generate(spec, 1), LossOptions.PLAIN);
        host = BenchTarget.syntheticBatch(spec.input(), batch, 5);
    }

    /** One batch evaluated. */
    @Benchmark
    public long evaluate() {
        try (DeviceBatch b = session.upload(host)) {
            return net.evaluate(b).correct();
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
