package vsam.algorithm.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import vsam.algorithm.checkpoint.Checkpoint;
import vsam.algorithm.checkpoint.CheckpointStore;
import vsam.algorithm.step.DivergenceException;
import vsam.algorithm.train.CancellationToken;
import vsam.algorithm.train.Trainer;
import vsam.algorithm.train.TrainingListener;
import vsam.algorithm.train.TrainingResult;
import vsam.api.Backends;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.TensorBackend;
import vsam.api.config.RunConfig;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.network.Network;
import vsam.api.network.NetworkState;
import vsam.api.network.TrainingData;

/**
 * Runs one configured training run end to end, the same way for the command line, the desktop app and
 * the benchmarks: finds the backend at run time, builds the network from the model spec and seeded
 * weights, trains with the caller's listeners, writes the run folder and its checkpoints, and frees the
 * backend session. {@link #resume} continues a run folder from its latest intact checkpoint.
 *
 * <p>Each of {@link #start}, {@link #resume} and {@link #restart} holds the folder's {@link RunFolderLock}
 * from before its first write to after its last, so a run folder has one writer.
 */
public final class RunExecutor {

    private final int checkpointEvery;

    /** @param checkpointEvery also checkpoint every this many iterations (0 = at epoch ends and on stop only) */
    public RunExecutor(int checkpointEvery) {
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0, got " + checkpointEvery);
        }
        this.checkpointEvery = checkpointEvery;
    }

    /** What a run produced, and where it was written. */
    public record Outcome(RunConfig config, TrainingResult result, Path folder) {
    }

    /**
     * Trains {@code config} from scratch into the new run folder {@code folder}.
     *
     * @throws vsam.api.BackendException   when the backend or device is unknown or unavailable
     * @throws RunFolderException          when the folder cannot be written or holds a run already
     * @throws DivergenceException         when the loss or gradient becomes NaN or infinite
     */
    public Outcome start(RunConfig config, TrainingData data, Path folder, List<TrainingListener> listeners,
                         CancellationToken cancel) {
        return start(config, data, folder, listeners, cancel, Optional.empty());
    }

    /**
     * As {@link #start(RunConfig, TrainingData, Path, List, CancellationToken)}, the network starting
     * from {@code from} when present (see {@link StartingPoint}; recorded as {@code initFrom} in the
     * run's provenance) instead of the seeded weights.
     */
    public Outcome start(RunConfig config, TrainingData data, Path folder, List<TrainingListener> listeners,
                         CancellationToken cancel, Optional<StartingPoint> from) {
        TensorBackend backend = Backends.require(config.backend(), config.device());
        config.modelSpec(data.shape(), data.classes()); // a model file that does not fit is refused before any write
        RunFolder.prepare(folder);
        try (RunFolderLock lock = RunFolderLock.acquire(folder)) {
            Map<String, Object> provenance = provenance(backend, data);
            from.ifPresent(f -> provenance.put("initFrom", f.source() + " (" + f.model() + ")"));
            Start start = from.<Start>map(Start.FromWeights::new).orElse(Start.FRESH);
            return execute(config, data, backend, () -> RunFolder.create(folder, config, data.format(), provenance), start, listeners,
                    cancel);
        }
    }

    /**
     * Continues the run in {@code folder} from its latest intact checkpoint; {@code notices} receives a
     * line for each damaged checkpoint skipped, and one when the run had finished. {@code data} must be
     * prepared from {@link RunFolderReader#config(Path)}.
     * A run that had finished is left exactly as it is, and its recorded result returned (only a missing
     * {@code summary.json} is written again, from the last checkpoint).
     *
     * @throws RunFolderException     when another writer holds the folder
     * @throws NotResumableException  when the run was stopped before its first checkpoint (it can only be
     *                                {@linkplain #restart restarted})
     * @throws vsam.algorithm.checkpoint.CheckpointException when the folder holds no intact checkpoint
     */
    public Outcome resume(Path folder, TrainingData data, List<TrainingListener> listeners, CancellationToken cancel,
                          Consumer<String> notices) {
        RunConfig config = RunFolderReader.config(folder);
        try (RunFolderLock lock = RunFolderLock.acquire(folder)) {
            CheckpointStore store = new CheckpointStore(folder);
            if (!store.anyExists()) {
                throw new NotResumableException(folder);
            }
            Checkpoint checkpoint = store.loadLatest();
            store.warnings().forEach(w -> notices.accept("warning: skipped damaged checkpoint " + w));
            TensorBackend backend = Backends.require(config.backend(), config.device());
            if (checkpoint.epoch() >= config.epochs()) {
                TrainingResult result = finished(config, checkpoint);
                if (Files.exists(folder.resolve(RunFiles.SUMMARY))) {
                    notices.accept("the run in " + folder + " had finished; nothing was changed");
                } else {
                    try (RunFolder records = RunFolder.reopen(folder, checkpoint.iteration(), checkpoint.epochs().size(),
                            provenance(backend, data))) {
                        records.onFinish(result);
                    }
                    notices.accept("the run in " + folder + " had finished; its missing summary was written from its last checkpoint");
                }
                return new Outcome(config, result, folder);
            }
            return execute(config, data, backend, () -> RunFolder.reopen(folder, checkpoint.iteration(),
                    checkpoint.epochs().size(), provenance(backend, data)), new Start.FromCheckpoint(checkpoint),
                    listeners, cancel);
        }
    }

    /**
     * Starts the run in {@code folder} again from the beginning with the configuration it holds, its earlier
     * records and checkpoints discarded (for a run stopped before its first checkpoint, which cannot be
     * resumed). {@code data} must be prepared from {@link RunFolderReader#config(Path)}.
     */
    public Outcome restart(Path folder, TrainingData data, List<TrainingListener> listeners, CancellationToken cancel) {
        RunConfig config = RunFolderReader.config(folder);
        try (RunFolderLock lock = RunFolderLock.acquire(folder)) {
            TensorBackend backend = Backends.require(config.backend(), config.device());
            return execute(config, data, backend, () -> RunFolder.restart(folder, config, data.format(), provenance(backend, data)),
                    Start.FRESH, listeners, cancel);
        }
    }

    /** The result a finished run's last checkpoint records. */
    private static TrainingResult finished(RunConfig config, Checkpoint c) {
        return new TrainingResult(config.method().name(), TrainingResult.Status.COMPLETED, c.epochs(), c.iteration(),
                c.samSteps(), c.passes(), c.trainNanos() / 1e9, c.passNanos() / 1e9);
    }

    /** Where a run's network and training state start from. */
    private sealed interface Start permits Start.Fresh, Start.FromWeights, Start.FromCheckpoint {

        /** The fresh start; there is only one. */
        Start FRESH = new Fresh();

        /** The seeded weights of the run's configuration; training from its first iteration. */
        record Fresh() implements Start {
        }

        /** Another run's trained parameters, matched by name and shape; training from its first iteration. */
        record FromWeights(StartingPoint weights) implements Start {
        }

        /** This run's own checkpoint: network, optimizer, policy and counters, training from where it stopped. */
        record FromCheckpoint(Checkpoint checkpoint) implements Start {
        }
    }

    private Outcome execute(RunConfig config, TrainingData data, TensorBackend backend, Supplier<RunFolder> folders,
                            Start start, List<TrainingListener> listeners, CancellationToken cancel) {
        ModelSpec spec = config.modelSpec(data.shape(), data.classes());
        InitialWeights init = start instanceof Start.FromWeights w
                ? InitialWeights.transfer(spec, w.weights().segments(), w.weights().state().parameters(), config.init(),
                        config.seed())
                : InitialWeights.generate(spec, config.init(), config.seed());
        try (Session session = backend.open(new SessionOptions(config.device(), config.threads()));
             RunFolder folder = folders.get()) {
            BackendWarmUp.once(session, spec, config);
            Network net = session.build(spec, init, config.loss());
            if (start instanceof Start.FromWeights w) {
                float[] buffers = w.weights().state().buffers();
                if (buffers.length == net.exportState().buffers().length) {
                    net.importState(new NetworkState(init.flat(), buffers));
                }
            }
            Trainer trainer = new Trainer(session, net, config)
                    .checkpointTo(new CheckpointStore(folder.path()), checkpointEvery)
                    .listen(folder);
            listeners.forEach(trainer::listen);
            try {
                TrainingResult result = start instanceof Start.FromCheckpoint c
                        ? trainer.resume(data.train(), data.test(), cancel, c.checkpoint())
                        : trainer.run(data.train(), data.test(), cancel);
                return new Outcome(config, result, folder.path());
            } catch (DivergenceException e) {
                Path latest = folder.path().resolve(CheckpointStore.LATEST);
                throw e.withDetail(Files.exists(latest)
                        ? "the last good checkpoint is " + latest
                        : "no checkpoint was written before it");
            }
        }
    }

    private static Map<String, Object> provenance(TensorBackend backend, TrainingData data) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("backend", backend.id());
        p.put("backendDescription", backend.description());
        p.put("data", data.description());
        p.put("trainExamples", data.trainSize());
        p.put("testExamples", data.testSize());
        p.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("cpus", Runtime.getRuntime().availableProcessors());
        p.put("host", hostName());
        p.put("startedAt", Instant.now().toString());
        return p;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
