package vsam.bench.speed;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vsam.algorithm.checkpoint.AtomicFiles;
import vsam.algorithm.run.RunExecutor;
import vsam.algorithm.train.CancellationToken;
import vsam.algorithm.train.TrainingListener;
import vsam.algorithm.train.TrainingResult;
import vsam.api.config.ConfigBuilder;
import vsam.api.config.RunConfig;
import vsam.api.config.Setting;
import vsam.api.config.Settings;
import vsam.api.network.TrainingData;
import vsam.api.telemetry.EpochEvent;
import vsam.api.telemetry.IterationEvent;
import vsam.bench.experiment.Telemetry;
import vsam.bench.report.Machine;
import vsam.data.DataCatalog;
import vsam.data.RunData;

/**
 * {@code vsam bench speed}: the measurements behind issue 17's table in one process. For each chosen backend,
 * SGD, SAM and vSAM train on the same data with the defaults of {@code vsam compare} ({@code cnn-s}, batch 128,
 * seed 0), each into its own run folder {@code <out>/<backend>/<method>}, their epochs interleaved (epoch 1 of
 * each, then epoch 2 of each, every run resumed from its epoch checkpoint: see {@link #interleaved}); the
 * training times come from the runs' results and the step times from their telemetry ({@link MethodRun}).
 * The first run of a backend in the process pays {@code BackendWarmUp}'s untimed iterations, as in
 * {@code vsam compare} (docs/STACK.md, "First steps of a process"). Then, on full Fashion-MNIST, the PyTorch eager
 * yardstick trains the same SGD epochs from Python ({@link PyTorchEager}, when python3 has torch), and
 * {@link SpeedTable} prints the rows
 * with the machine and the load average at start and end, and writes them to {@code <out>/speed.md}.
 */
public final class SpeedBench {

    /** The methods of each backend, in running order. */
    public static final List<String> METHODS = List.of("sgd", "sam", "vsam");

    /**
     * What to measure.
     *
     * @param backends backend ids, in running and row order
     * @param epochs   epochs per run
     * @param dataset  data set name ({@code fashion-mnist}, {@code embedded}, ...)
     * @param dataDir  where the data set is, when not in the known locations
     * @param threads  CPU threads per session (0 = the backend's default)
     * @param out      the folder of the runs and of {@code speed.md}
     */
    public record Plan(List<String> backends, int epochs, String dataset, Optional<String> dataDir, int threads, Path out) {

        public Plan {
            backends = List.copyOf(backends);
            if (backends.isEmpty()) {
                throw new IllegalArgumentException("--backends names no backend");
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
            }
        }

        /** The configuration of one run. */
        public RunConfig config(String backend, String method) {
            Map<Setting<?>, String> texts = new LinkedHashMap<>();
            texts.put(Settings.BACKEND_ID, backend);
            texts.put(Settings.THREADS, Integer.toString(threads));
            texts.put(Settings.EPOCHS, Integer.toString(epochs));
            dataDir.ifPresent(d -> texts.put(Settings.DATA_DIR, d));
            return ConfigBuilder.override(RunConfig.defaults(method, dataset), texts);
        }
    }

    private final Plan plan;
    private final PrintStream log;
    private final RunExecutor executor = new RunExecutor(0);

    /** @param log where the progress lines go */
    public SpeedBench(Plan plan, PrintStream log) {
        this.plan = plan;
        this.log = log;
    }

    /**
     * Trains every method on every backend and returns the markdown report (also written to
     * {@code <out>/speed.md}); stops early, with what has finished, when {@code cancel} is set.
     *
     * @throws IOException when {@code speed.md} cannot be written
     */
    public String run(CancellationToken cancel) throws IOException {
        String loadStart = loadAverage();
        Machine machine = Machine.current();
        log.println("machine: " + machine.describe());
        log.println("load average at start: " + loadStart);
        List<BackendSpeed> measured = new ArrayList<>();
        int trainImages = 0;
        String data = "";
        for (String backend : plan.backends()) {
            TrainingData prepared = RunData.prepare(plan.config(backend, METHODS.get(0)));
            trainImages = prepared.trainSize();
            data = prepared.description();
            Optional<BackendSpeed> speed = interleaved(backend, prepared, data, cancel);
            if (speed.isEmpty()) {
                log.println("stopped before " + backend + "'s three runs finished");
                break;
            }
            measured.add(speed.get());
        }
        PyTorchEager pytorch = cancel.isCancelled() || measured.isEmpty() ? PyTorchEager.missing("the bench was stopped")
                : pyTorchYardstick();
        String loadEnd = loadAverage();
        String report = report(measured, pytorch, machine, data, trainImages, loadStart, loadEnd);
        Files.createDirectories(plan.out());
        AtomicFiles.write(plan.out().resolve("speed.md"), report);
        return report;
    }

    /**
     * Trains SGD, SAM and vSAM on one backend with their epochs interleaved — epoch 1 of each, then epoch 2 of
     * each, ... (every run stops after its epoch and is resumed from that checkpoint for the next) — so a load
     * that drifts during the measurement falls on the three methods alike instead of on the last one run.
     * Empty when stopped or a run did not complete.
     */
    private Optional<BackendSpeed> interleaved(String backend, TrainingData prepared, String data, CancellationToken cancel) {
        Map<String, RunExecutor.Outcome> last = new LinkedHashMap<>();
        for (int epoch = 1; epoch <= plan.epochs(); epoch++) {
            for (String method : METHODS) {
                if (cancel.isCancelled()) {
                    return Optional.empty();
                }
                Path folder = plan.out().resolve(backend).resolve(method);
                boolean finalEpoch = epoch == plan.epochs();
                CancellationToken pause = new CancellationToken();
                List<TrainingListener> listeners = List.of(new EpochLines(backend, method, log),
                        new PauseAfterEpoch(pause, cancel, finalEpoch));
                if (epoch == 1) {
                    log.printf("%s %s: %d epochs on %s -> %s%n", backend, method, plan.epochs(), data, folder);
                    last.put(method, executor.start(plan.config(backend, method), prepared, folder, listeners, pause));
                } else {
                    last.put(method, executor.resume(folder, prepared, listeners, pause, log::println));
                }
                if (last.get(method).result().epochs().size() != epoch) {
                    return Optional.empty();
                }
            }
        }
        List<MethodRun> runs = new ArrayList<>();
        for (String method : METHODS) {
            RunExecutor.Outcome o = last.get(method);
            TrainingResult r = o.result();
            if (r.status() != TrainingResult.Status.COMPLETED) {
                return Optional.empty();
            }
            runs.add(new MethodRun(method, r.trainSeconds(), r.passesPerStep(), r.epochs().size(), Telemetry.read(o.folder())));
        }
        return Optional.of(new BackendSpeed(backend, runs.get(0), runs.get(1), runs.get(2)));
    }

    /**
     * Stops a run at the end of each epoch but its last (the run is then resumed for the next epoch), and
     * passes a stop of the whole bench on at once.
     */
    private record PauseAfterEpoch(CancellationToken pause, CancellationToken whole, boolean finalEpoch)
            implements TrainingListener {
        @Override
        public void onEpoch(EpochEvent e) {
            if (!finalEpoch || whole.isCancelled()) {
                pause.cancel();
            }
        }

        @Override
        public void onIteration(IterationEvent e) {
            if (whole.isCancelled()) {
                pause.cancel();
            }
        }
    }

    /**
     * PyTorch eager on the same Fashion-MNIST files, threads and epochs ({@link PyTorchEager}); not measured for
     * another data set or for the embedded subset (the script reads the idx files).
     */
    private PyTorchEager pyTorchYardstick() {
        RunConfig sgd = plan.config(plan.backends().get(0), "sgd");
        if (!sgd.data().dataset().equals("fashion-mnist") || sgd.data().trainSubset() > 0) {
            return PyTorchEager.missing("the yardstick is for full Fashion-MNIST, this bench trained on " + sgd.data().dataset());
        }
        Optional<Path> folder = DataCatalog.forConfig(sgd.data()).folderOf("fashion-mnist");
        if (folder.isEmpty()) {
            return PyTorchEager.missing("no Fashion-MNIST files were found (the runs read the embedded subset)");
        }
        int threads = plan.threads() > 0 ? plan.threads() : Runtime.getRuntime().availableProcessors();
        log.printf("pytorch eager yardstick: cnn-s, %d epochs, %d threads, %s%n", plan.epochs(), threads, folder.get());
        return PyTorchEager.measure(folder.get(), threads, plan.epochs(), log);
    }

    private String report(List<BackendSpeed> measured, PyTorchEager pytorch, Machine machine, String data, int trainImages,
                          String loadStart, String loadEnd) {
        RunConfig any = plan.config(plan.backends().get(0), "sgd");
        StringBuilder s = new StringBuilder("# vsam bench speed\n\n");
        s.append(String.format(Locale.ROOT, "- setup: %s, batch %d, %s, %d epochs per run, seed %d, %s%n", any.model(),
                any.batchSize(), data, plan.epochs(), any.seed(),
                plan.threads() == 0 ? "the backends' default threads" : plan.threads() + " threads"));
        s.append("- machine: ").append(machine.describe()).append('\n');
        s.append("- load average (1, 5, 15 min) at start: ").append(loadStart).append("; at end: ").append(loadEnd).append('\n');
        s.append("- the three methods' epochs interleaved (epoch 1 of each, then epoch 2 of each, ...), each run resumed from its"
                + " epoch checkpoint, so drifting load falls on all three alike\n");
        s.append("- training times exclude evaluation; step times are the runs' telemetry (p10/median/p90 by nearest rank)\n\n");
        s.append(SpeedTable.markdown(measured, plan.epochs(), trainImages, pytorch));
        s.append("\nMeasured elsewhere (README, \"Speed benchmark\"): the demo by `./vsam demo --backend <id>` (its own table);"
                + " what charting costs by `mvn -o -q test -pl vsam.gui -Dvsam.excludedGroups=none -Dtest=GuiCostBenchmark`;"
                + " the djl backend against a minimal DJL loop by `mvn -o -q test -pl vsam.backend.djl"
                + " -Dvsam.excludedGroups=none -Dtest=MinimalLoopBenchmark`.\n");
        return s.toString();
    }

    /** The first three fields of {@code /proc/loadavg}, or {@code unknown}. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** A progress line per epoch. */
    private record EpochLines(String backend, String method, PrintStream log) implements TrainingListener {
        @Override
        public void onEpoch(EpochEvent e) {
            log.printf(Locale.ROOT, "%s %s: epoch %d, %.1f s training, test %.2f%%%n", backend, method, e.epoch() + 1,
                    e.trainSeconds(), 100 * e.testAccuracy());
            log.flush();
        }
    }
}
