package vsam.algorithm.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vsam.algorithm.checkpoint.Checkpoint;
import vsam.algorithm.checkpoint.CheckpointException;
import vsam.algorithm.checkpoint.CheckpointStore;
import vsam.algorithm.optim.BaseOptimizer;
import vsam.algorithm.optim.BaseOptimizers;
import vsam.algorithm.sampling.SamplingDiagnostics;
import vsam.algorithm.sampling.SamplingPolicy;
import vsam.algorithm.schedule.LearningRateSchedule;
import vsam.algorithm.step.Method;
import vsam.algorithm.step.Methods;
import vsam.algorithm.step.SharpnessAwareStep;
import vsam.algorithm.step.StepOutcome;
import vsam.api.Session;
import vsam.api.config.ConfigJson;
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
 * telemetry to listeners, cooperative cancellation, checkpoints and exact resumption. Runs on the calling
 * thread.
 *
 * <p>Counts reported: iterations, SAM steps and forward/backward passes (a SAM step is 2 passes, any
 * other step 1); training time excludes evaluation and checkpoint writing.
 *
 * <p>With a {@link CheckpointStore}, a checkpoint is written after every epoch's evaluation, every
 * {@code everyIterations} iterations (if positive) and when the run is cancelled. A resumed run
 * ({@link #resume}) continues at the saved iteration with the saved optimizer, policy and reuse state,
 * the same learning rate and the same data order, so it ends where the uninterrupted run would.
 */
public final class Trainer {

    private final Session session;
    private final Network network;
    private final RunConfig config;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Optional<CheckpointStore> checkpoints = Optional.empty();
    private int checkpointEvery;

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

    /** Writes checkpoints to {@code store} after every epoch, on cancellation, and every {@code everyIterations} (0 = never mid-epoch). */
    public Trainer checkpointTo(CheckpointStore store, int everyIterations) {
        if (everyIterations < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0, got " + everyIterations);
        }
        this.checkpoints = Optional.of(store);
        this.checkpointEvery = everyIterations;
        return this;
    }

    /** The statistics scope a configuration asks for: the last {@code statsScope} tensors, or all. */
    public static SegmentScope statsScope(RunConfig config, Network network) {
        int n = config.method().statsScope();
        return n == 0 ? network.segments().all() : network.segments().last(n);
    }

    /**
     * Trains for the configured epochs, or until {@code cancel} is set.
     *
     * @throws vsam.algorithm.step.DivergenceException when a loss or gradient is NaN or infinite
     */
    public TrainingResult run(BatchSource train, BatchSource test, CancellationToken cancel) {
        return train(train, test, cancel, Optional.empty());
    }

    /**
     * Continues the run saved in {@code checkpoint}, which must have been written for this configuration.
     *
     * @throws CheckpointException when the checkpoint belongs to another configuration or does not fit the network
     */
    public TrainingResult resume(BatchSource train, BatchSource test, CancellationToken cancel, Checkpoint checkpoint) {
        if (!ConfigJson.read(checkpoint.configJson()).equals(config)) {
            throw new CheckpointException("the checkpoint was written by a run with another configuration");
        }
        return train(train, test, cancel, Optional.of(checkpoint));
    }

    /** Mutable position and counters of a run. */
    private static final class Progress {
        long iteration;
        int epoch;
        int batchInEpoch;
        long samSteps;
        long passes;
        TrainingClock clock = new TrainingClock(0);
        long passNanos;
        double epochLossSum;
        final List<EpochEvent> epochs = new ArrayList<>();
    }

    private TrainingResult train(BatchSource train, BatchSource test, CancellationToken cancel, Optional<Checkpoint> from) {
        int perEpoch = train.batchesPerEpoch();
        long total = (long) perEpoch * config.epochs();
        Method method = Methods.create(config.method(), perEpoch, total, config.seed(), () -> session.zerosLike(network));
        BaseOptimizer base = BaseOptimizers.create(config.optimizer(), () -> session.zerosLike(network));
        SharpnessAwareStep step = new SharpnessAwareStep(network, method, base, statsScope(config, network),
                () -> session.zerosLike(network));
        LearningRateSchedule schedule = LearningRateSchedule.of(config.schedule(), config.optimizer().learningRate(),
                perEpoch, total);
        SamplingPolicy policy = method.policy();
        Progress p = new Progress();
        if (from.isPresent()) {
            restore(from.get(), p, step);
        }

        TrainingResult.Status status = TrainingResult.Status.COMPLETED;
        epochLoop:
        for (; p.epoch < config.epochs(); p.epoch++) {
            p.clock.start();
            try (BatchSource.Batches batches = train.epoch(p.epoch)) {
                for (int skip = 0; skip < p.batchInEpoch && batches.hasNext(); skip++) {
                    batches.next();
                }
                while (batches.hasNext()) {
                    if (cancel.isCancelled()) {
                        p.clock.stop();
                        status = TrainingResult.Status.CANCELLED;
                        save(p, step, p.epoch);
                        break epochLoop;
                    }
                    HostBatch host = batches.next();
                    long t0 = System.nanoTime();
                    double lr = schedule.at(p.iteration);
                    StepOutcome out;
                    try (DeviceBatch batch = session.upload(host)) {
                        out = step.run(batch, (float) lr, p.iteration, total);
                    }
                    long nanos = System.nanoTime() - t0;
                    p.passes += out.passes();
                    p.passNanos += out.passNanos();
                    p.samSteps += out.sampled() ? 1 : 0;
                    p.epochLossSum += out.loss();
                    p.batchInEpoch++;
                    IterationEvent event = iterationEvent(p, out, policy.diagnostics(), lr, nanos);
                    p.iteration++;
                    for (TrainingListener l : listeners) {
                        l.onIteration(event);
                    }
                    if (checkpointEvery > 0 && p.iteration % checkpointEvery == 0 && batches.hasNext()) {
                        p.clock.stop();
                        save(p, step, p.epoch);
                        p.clock.start();
                    }
                }
            }
            p.clock.stop();
            Evaluation eval = evaluate(test);
            EpochEvent event = new EpochEvent(p.epoch, p.iteration, p.batchInEpoch == 0 ? 0 : p.epochLossSum / p.batchInEpoch,
                    eval.meanLoss(), eval.accuracy(), p.clock.nanos() / 1e9, p.samSteps, p.passes);
            p.epochs.add(event);
            p.batchInEpoch = 0;
            p.epochLossSum = 0;
            for (TrainingListener l : listeners) {
                l.onEpoch(event);
            }
            save(p, step, p.epoch + 1);
        }
        TrainingResult result = new TrainingResult(method.name(), status, p.epochs, p.iteration, p.samSteps, p.passes,
                p.clock.nanos() / 1e9, p.passNanos / 1e9);
        for (TrainingListener l : listeners) {
            l.onFinish(result);
        }
        return result;
    }

    /** The telemetry of the iteration {@code p} is at, just run with outcome {@code out}. */
    private static IterationEvent iterationEvent(Progress p, StepOutcome out, SamplingDiagnostics d, double lr, long nanos) {
        return new IterationEvent(p.iteration, p.epoch, out.sampled(), d.samplesPerWindow(), d.samplingRate(),
                (double) p.samSteps / (p.iteration + 1), out.loss(), out.gradNorm(), out.psfNorm(), out.psfRatio(),
                d.variation(), lr, nanos, p.passes);
    }

    /** Writes a checkpoint of the current state that continues in epoch {@code epochToContinue}. */
    private void save(Progress p, SharpnessAwareStep step, int epochToContinue) {
        if (checkpoints.isEmpty()) {
            return;
        }
        for (TrainingListener l : listeners) {
            l.beforeCheckpoint();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            step.writeState(out);
        } catch (IOException e) {
            throw new CheckpointException("cannot serialise the training state: " + e.getMessage());
        }
        Checkpoint c = new Checkpoint(ConfigJson.write(config), p.iteration, epochToContinue, p.batchInEpoch, p.samSteps, p.passes,
                p.clock.nanos(), p.passNanos, p.epochLossSum, p.epochs, network.exportState(), bytes.toByteArray());
        try {
            checkpoints.get().save(c);
        } catch (IOException e) {
            throw new CheckpointException("cannot write a checkpoint: " + e.getMessage());
        }
    }

    private void restore(Checkpoint c, Progress p, SharpnessAwareStep step) {
        try {
            network.importState(c.network());
        } catch (RuntimeException e) {
            throw new CheckpointException("the checkpoint does not fit the network: " + e.getMessage());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(c.stepState()))) {
            step.readState(in);
        } catch (IOException e) {
            throw new CheckpointException("cannot restore the training state: " + e.getMessage());
        }
        p.iteration = c.iteration();
        p.epoch = c.epoch();
        p.batchInEpoch = c.batchInEpoch();
        p.samSteps = c.samSteps();
        p.passes = c.passes();
        p.clock = new TrainingClock(c.trainNanos());
        p.passNanos = c.passNanos();
        p.epochLossSum = c.epochLossSum();
        p.epochs.addAll(c.epochs());
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
