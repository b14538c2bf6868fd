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
import vsam.api.config.ConfigJson;
import vsam.api.config.RunConfig;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.network.Network;
import vsam.api.network.NetworkState;
import vsam.api.network.TrainingData;

/**
 * Runs one configured training run end to end, the same way for the command line, the desktop app and
 * the benchmarks: finds the backend at run time, builds the network from the shared spec and seeded
 * weights, trains with the caller's listeners, writes the run folder and its checkpoints, and frees the
 * backend session. {@link #resume} continues a run folder from its latest intact checkpoint.
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
        Map<String, Object> provenance = provenance(backend, data);
        from.ifPresent(f -> provenance.put("initFrom", f.source() + " (" + f.model() + ")"));
        return execute(config, data, backend, () -> RunFolder.create(folder, config, provenance),
                Optional.empty(), from, listeners, cancel);
    }

    /** The configuration held by a run folder's {@code config.json}. */
    public static RunConfig configOf(Path folder) {
        Path file = folder.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new RunFolderException(folder + " is not a run folder (no config.json)");
        }
        try {
            return ConfigJson.read(Files.readString(file));
        } catch (IOException e) {
            throw new RunFolderException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Continues the run in {@code folder} from its latest intact checkpoint; {@code warnings} receives a
     * line for each damaged checkpoint skipped. {@code data} must be prepared from {@link #configOf(Path)}.
     */
    public Outcome resume(Path folder, TrainingData data, List<TrainingListener> listeners, CancellationToken cancel,
                          Consumer<String> warnings) {
        RunConfig config = configOf(folder);
        CheckpointStore store = new CheckpointStore(folder);
        Checkpoint checkpoint = store.loadLatest();
        store.warnings().forEach(w -> warnings.accept("skipped damaged checkpoint " + w));
        TensorBackend backend = Backends.require(config.backend(), config.device());
        return execute(config, data, backend, () -> RunFolder.reopen(folder, checkpoint.iteration(),
                checkpoint.epochs().size(), provenance(backend, data)), Optional.of(checkpoint), Optional.empty(),
                listeners, cancel);
    }

    private Outcome execute(RunConfig config, TrainingData data, TensorBackend backend, Supplier<RunFolder> folders,
                            Optional<Checkpoint> from, Optional<StartingPoint> start, List<TrainingListener> listeners,
                            CancellationToken cancel) {
        ModelSpec spec = Models.byId(config.model(), data.shape(), data.classes());
        InitialWeights init = start.isPresent()
                ? InitialWeights.transfer(spec, start.get().segments(), start.get().state().parameters(), config.init(),
                        config.seed())
                : InitialWeights.generate(spec, config.init(), config.seed());
        try (Session session = backend.open(new SessionOptions(config.device(), config.threads()));
             RunFolder folder = folders.get()) {
            BackendWarmUp.once(session, spec, config);
            Network net = session.build(spec, init, config.loss());
            if (start.isPresent()) {
                float[] buffers = start.get().state().buffers();
                if (buffers.length == net.exportState().buffers().length) {
                    net.importState(new NetworkState(init.flat(), buffers));
                }
            }
            Trainer trainer = new Trainer(session, net, config)
                    .checkpointTo(new CheckpointStore(folder.path()), checkpointEvery)
                    .listen(folder);
            listeners.forEach(trainer::listen);
            try {
                TrainingResult result = from.isPresent()
                        ? trainer.resume(data.train(), data.test(), cancel, from.get())
                        : trainer.run(data.train(), data.test(), cancel);
                return new Outcome(config, result, folder.path());
            } catch (DivergenceException e) {
                Path latest = folder.path().resolve(CheckpointStore.LATEST);
                throw e.withDetail(Files.exists(latest)
                        ? "the last good checkpoint is " + latest + " (resume with: vsam train --resume " + folder.path() + ")"
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
