package vsam.algorithm.train;

import java.util.ArrayList;
import java.util.List;
import vsam.algorithm.optim.BaseOptimizer;
import vsam.algorithm.optim.BaseOptimizers;
import vsam.algorithm.sampling.SamplingPolicy;
import vsam.algorithm.schedule.LearningRateSchedule;
import vsam.algorithm.step.Method;
import vsam.algorithm.step.Methods;
import vsam.algorithm.step.SharpnessAwareStep;
import vsam.algorithm.step.StepOutcome;
import vsam.api.Session;
import vsam.api.config.RunConfig;
import vsam.api.network.BatchSource;
import vsam.api.network.DeviceBatch;
import vsam.api.network.Evaluation;
import vsam.api.network.HostBatch;
import vsam.api.network.Network;
import vsam.api.telemetry.EpochEvent;
import vsam.api.telemetry.IterationEvent;
import vsam.api.vector.SegmentScope;

/**
 * The training loop: epochs of sharpness-aware steps over a batch source, evaluation after every epoch,
 * telemetry to listeners, cooperative cancellation. Runs on the calling thread.
 *
 * <p>Counts reported: iterations, SAM steps and forward/backward passes (a SAM step is 2 passes, any
 * other step 1); training time excludes evaluation.
 */
public final class Trainer {

    private final Session session;
    private final Network network;
    private final RunConfig config;
    private final List<TrainingListener> listeners = new ArrayList<>();

    /**
     * @param session the session that built {@code network} (allocates the method's vectors)
     * @param network the network to train, already initialised
     * @param config  epochs, seed, method, base optimizer and schedule are read from it
     */
    public Trainer(Session session, Network network, RunConfig config) {
        this.session = session;
        this.network = network;
        this.config = config;
    }

    /** Adds a listener; listeners are called in the order added, on the training thread. */
    public Trainer listen(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** The statistics scope a configuration asks for: the last {@code statsScope} tensors, or all. */
    public static SegmentScope statsScope(RunConfig config, Network network) {
        int n = config.method().vsam().statsScope();
        return n == 0 ? network.segments().all() : network.segments().last(n);
    }

    /**
     * Trains for the configured epochs, or until {@code cancel} is set.
     *
     * @throws vsam.algorithm.step.DivergenceException when a loss or gradient is NaN or infinite
     */
    public TrainingResult run(BatchSource train, BatchSource test, CancellationToken cancel) {
        int perEpoch = train.batchesPerEpoch();
        long total = (long) perEpoch * config.epochs();
        Method method = Methods.create(config.method(), perEpoch, total, config.seed(), () -> session.zerosLike(network));
        BaseOptimizer base = BaseOptimizers.create(config.optimizer(), () -> session.zerosLike(network));
        SharpnessAwareStep step = new SharpnessAwareStep(network, method, base, statsScope(config, network),
                () -> session.zerosLike(network));
        LearningRateSchedule schedule = LearningRateSchedule.of(config.schedule(), config.optimizer().learningRate(),
                perEpoch, total);
        SamplingPolicy policy = method.policy();

        List<EpochEvent> epochs = new ArrayList<>();
        long iteration = 0;
        long samSteps = 0;
        long passes = 0;
        long trainNanos = 0;
        long passNanos = 0;
        TrainingResult.Status status = TrainingResult.Status.COMPLETED;
        epochLoop:
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            double lossSum = 0;
            int steps = 0;
            long epochStart = System.nanoTime();
            try (BatchSource.Batches batches = train.epoch(epoch)) {
                while (batches.hasNext()) {
                    if (cancel.isCancelled()) {
                        trainNanos += System.nanoTime() - epochStart;
                        status = TrainingResult.Status.CANCELLED;
                        break epochLoop;
                    }
                    HostBatch host = batches.next();
                    long t0 = System.nanoTime();
                    double lr = schedule.at(iteration);
                    StepOutcome out;
                    try (DeviceBatch batch = session.upload(host)) {
                        out = step.run(batch, (float) lr, iteration, total);
                    }
                    long nanos = System.nanoTime() - t0;
                    passes += out.passes();
                    passNanos += out.passNanos();
                    if (out.sampled()) {
                        samSteps++;
                    }
                    lossSum += out.loss();
                    steps++;
                    double s = policy.samplesPerWindow();
                    int k = policy.window();
                    IterationEvent event = new IterationEvent(iteration, epoch, out.sampled(), s,
                            k == 0 ? Double.NaN : s / k, (double) samSteps / (iteration + 1), out.loss(),
                            out.gradNorm(), out.psfNorm(), out.psfRatio(), policy.variation(), lr, nanos, passes);
                    for (TrainingListener l : listeners) {
                        l.onIteration(event);
                    }
                    iteration++;
                }
            }
            trainNanos += System.nanoTime() - epochStart;
            Evaluation eval = evaluate(test);
            EpochEvent event = new EpochEvent(epoch, iteration, steps == 0 ? 0 : lossSum / steps, eval.meanLoss(),
                    eval.accuracy(), trainNanos / 1e9, samSteps, passes);
            epochs.add(event);
            for (TrainingListener l : listeners) {
                l.onEpoch(event);
            }
        }
        TrainingResult result = new TrainingResult(method.name(), status, epochs, iteration, samSteps, passes,
                trainNanos / 1e9, passNanos / 1e9);
        for (TrainingListener l : listeners) {
            l.onFinish(result);
        }
        return result;
    }

    /** Evaluates the network on every batch of {@code test} (epoch 0 of the source). */
    public Evaluation evaluate(BatchSource test) {
        Evaluation total = Evaluation.EMPTY;
        try (BatchSource.Batches batches = test.epoch(0)) {
            while (batches.hasNext()) {
                try (DeviceBatch batch = session.upload(batches.next())) {
                    total = total.plus(network.evaluate(batch));
                }
            }
        }
        return total;
    }
}
